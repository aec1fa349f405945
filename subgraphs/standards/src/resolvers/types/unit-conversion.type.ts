import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A value converted between UCUM units.' })
export class UnitConversion {
  @Field(() => Float, { description: 'The converted value.' })
  value: number;

  @Field(() => String, { description: 'The target UCUM unit.' })
  unit: string;

  @Field(() => Float, { description: 'The value given.' })
  fromValue: number;

  @Field(() => String, { description: 'The source UCUM unit.' })
  fromUnit: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Molecular weight (g/mol) used for a mass ↔ molar conversion.',
  })
  molecularWeight: number | null;
}
