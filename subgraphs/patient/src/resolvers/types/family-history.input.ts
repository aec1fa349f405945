import { IsIn, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CodedRecordInput } from './coded-record.input';

@InputType('FamilyConditionInput', { description: 'A condition a relative had.' })
export class FamilyConditionInput extends CodedRecordInput {}

@InputType('FamilyHistoryInput', { description: "A relative's health history entered or corrected by hand." })
export class FamilyHistoryInput {
  @Field(() => String, { description: 'partial, completed, entered-in-error or health-unknown.' })
  @IsIn(['partial', 'completed', 'entered-in-error', 'health-unknown'])
  status: string;

  @Field(() => String, { nullable: true, description: 'Relationship as a v3 RoleCode, e.g. MTH.' })
  @IsOptional()
  @MaxLength(32)
  relationshipCode: string | null;

  @Field(() => String, { nullable: true, description: 'Relationship in words.' })
  @IsOptional()
  @MaxLength(200)
  relationshipDisplay: string | null;

  @Field(() => String, { nullable: true, description: "The relative's administrative sex." })
  @IsOptional()
  @IsIn(['male', 'female', 'other', 'unknown'])
  sex: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was recorded.' })
  @IsOptional()
  recordedAt: Date | null;

  @Field(() => [FamilyConditionInput], { defaultValue: [], description: 'Conditions the relative had.' })
  @ValidateNested({ each: true })
  conditions: FamilyConditionInput[];
}
