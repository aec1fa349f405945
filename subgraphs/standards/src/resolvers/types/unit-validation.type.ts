import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A UCUM unit that may be what was meant.' })
export class UnitSuggestion {
  @Field(() => String, { description: 'UCUM code.' })
  code: string;

  @Field(() => String, { description: 'Its name.' })
  name: string;
}

@ObjectType({ description: 'Whether a text is a valid UCUM unit.' })
export class UnitValidation {
  @Field(() => Boolean, { description: 'True when the text is valid UCUM.' })
  valid: boolean;

  @Field(() => String, { nullable: true, description: 'The UCUM code, when valid.' })
  ucumCode: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is not valid UCUM; null when valid.' })
  reason: string | null;

  @Field(() => [UnitSuggestion], { description: 'UCUM units that may have been meant (empty when valid).' })
  suggestions: UnitSuggestion[];

  @Field(() => String, {
    nullable: true,
    description: 'Human-readable name, e.g. "milligram per deciliter".',
  })
  display: string | null;
}
