import { IsNumber, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, InputType } from 'type-graphql';

@InputType('ObservationComponentInput', { description: 'One part of a multi-part observation.' })
export class ObservationComponentInput {
  @Field(() => String, { description: 'Code of this part, usually LOINC.' })
  @MinLength(1)
  @MaxLength(64)
  code: string;

  @Field(() => String, { description: 'URI of the code system.' })
  @MaxLength(200)
  codeSystem: string;

  @Field(() => String, { description: 'Human-readable name.' })
  @MaxLength(500)
  display: string;

  @Field(() => Float, { nullable: true, description: 'Numeric value.' })
  @IsOptional()
  @IsNumber()
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the value.' })
  @IsOptional()
  @MaxLength(64)
  unit: string | null;
}

@InputType('ObservationInput', { description: 'A vital sign or lab result entered or corrected by hand.' })
export class ObservationInput {
  @Field(() => String, { description: 'registered, preliminary, final, amended, …' })
  @MinLength(1)
  @MaxLength(32)
  status: string;

  @Field(() => String, { nullable: true, description: 'vital-signs, laboratory, …' })
  @IsOptional()
  @MaxLength(64)
  category: string | null;

  @Field(() => String, { description: 'URI of the code system, usually http://loinc.org.' })
  @MaxLength(200)
  codeSystem: string;

  @Field(() => String, { description: 'Code of what was observed.' })
  @MinLength(1)
  @MaxLength(64)
  code: string;

  @Field(() => String, { description: 'Human-readable name of what was observed.' })
  @MinLength(1)
  @MaxLength(500)
  display: string;

  @Field(() => Float, { nullable: true, description: 'Numeric result.' })
  @IsOptional()
  @IsNumber()
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of `value`.' })
  @IsOptional()
  @MaxLength(64)
  unit: string | null;

  @Field(() => String, { nullable: true, description: 'Non-numeric result.' })
  @IsOptional()
  @MaxLength(2000)
  valueString: string | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of the normal range.' })
  @IsOptional()
  @IsNumber()
  referenceLow: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the normal range.' })
  @IsOptional()
  @IsNumber()
  referenceHigh: number | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was taken.' })
  @IsOptional()
  effectiveAt: Date | null;

  @Field(() => [ObservationComponentInput], {
    defaultValue: [],
    description: 'Parts, e.g. systolic and diastolic.',
  })
  @ValidateNested({ each: true })
  components: ObservationComponentInput[];
}
