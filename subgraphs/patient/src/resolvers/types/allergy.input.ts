import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CodedRecordInput } from './coded-record.input';

@InputType('AllergyInput', { description: 'An allergy entered or corrected by hand.' })
export class AllergyInput extends CodedRecordInput {
  @Field(() => String, { nullable: true, description: 'active, inactive or resolved.' })
  @IsOptional()
  @IsIn(['active', 'inactive', 'resolved'])
  clinicalStatus: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'unconfirmed, confirmed, refuted or entered-in-error.',
  })
  @IsOptional()
  @IsIn(['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'])
  verificationStatus: string | null;

  @Field(() => String, { nullable: true, description: 'allergy or intolerance.' })
  @IsOptional()
  @IsIn(['allergy', 'intolerance'])
  type: string | null;

  @Field(() => String, { nullable: true, description: 'food, medication, environment or biologic.' })
  @IsOptional()
  @IsIn(['food', 'medication', 'environment', 'biologic'])
  category: string | null;

  @Field(() => String, { nullable: true, description: 'low, high or unable-to-assess.' })
  @IsOptional()
  @IsIn(['low', 'high', 'unable-to-assess'])
  criticality: string | null;

  @Field(() => String, { nullable: true, description: 'The reaction it causes.' })
  @IsOptional()
  @MaxLength(500)
  reaction: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was first noticed.' })
  @IsOptional()
  onsetAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was recorded.' })
  @IsOptional()
  recordedAt: Date | null;
}
