import { IsOptional, MaxLength } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';

@InputType({ description: 'A lab result as a source sent it. Give a name, a code (+ system), or both.' })
export class LabResultInput {
  @Field(() => String, {
    nullable: true,
    description: 'Test name as the source wrote it, e.g. "Hgb" or "Glucose, serum".',
  })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code from the source, e.g. a LOINC code such as 2339-0.',
  })
  @IsOptional()
  @MaxLength(64)
  code?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'System of `code`: http://loinc.org, LOINC, or another system URI. Defaults to LOINC when a code is given.',
  })
  @IsOptional()
  @MaxLength(200)
  system?: string | null;

  @Field(() => Float, { nullable: true, description: 'Numeric value.' })
  value?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Unit as sent; UCUM or a common clinical spelling (mmHg, lbs, K/uL).',
  })
  @IsOptional()
  @MaxLength(64)
  unit?: string | null;

  @Field(() => Float, { nullable: true, description: 'Lower reference limit, in `unit`.' })
  referenceLow?: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper reference limit, in `unit`.' })
  referenceHigh?: number | null;
}
