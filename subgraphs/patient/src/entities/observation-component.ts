import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('ObservationComponent', {
  description: 'One part of a multi-part observation, e.g. the systolic value of a blood pressure.',
})
export class ObservationComponent {
  @Field(() => String, { description: 'Code of this part, usually LOINC.' })
  code: string;

  @Field(() => String, { description: 'URI of the code system.' })
  codeSystem: string;

  @Field(() => String, { description: 'Human-readable name of the part.' })
  display: string;

  @Field(() => Float, { nullable: true, description: 'Numeric value, in `unit`.' })
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of `value` (UCUM where the source used it).' })
  unit: string | null;
}
