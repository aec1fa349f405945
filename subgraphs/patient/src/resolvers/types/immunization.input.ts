import { IsBoolean, IsIn, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CodedRecordInput } from './coded-record.input';

@InputType('ImmunizationInput', { description: 'A vaccination entered or corrected by hand.' })
export class ImmunizationInput extends CodedRecordInput {
  @Field(() => String, { description: 'completed, entered-in-error or not-done.' })
  @IsIn(['completed', 'entered-in-error', 'not-done'])
  status: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was given.' })
  @IsOptional()
  occurrenceAt: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether this comes from whoever gave it.' })
  @IsOptional()
  @IsBoolean()
  primarySource: boolean | null;

  @Field(() => String, { nullable: true, description: 'Vaccine lot number.' })
  @IsOptional()
  @MaxLength(64)
  lotNumber: string | null;
}
