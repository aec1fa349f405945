import { IsIn, IsOptional } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CodedRecordInput } from './coded-record.input';

@InputType('ConditionInput', { description: 'A condition entered or corrected by hand.' })
export class ConditionInput extends CodedRecordInput {
  @Field(() => String, {
    nullable: true,
    description: 'active, recurrence, relapse, inactive, remission, resolved.',
  })
  @IsOptional()
  @IsIn(['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'])
  clinicalStatus: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'unconfirmed, provisional, differential, confirmed, refuted.',
  })
  @IsOptional()
  @IsIn(['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted', 'entered-in-error'])
  verificationStatus: string | null;

  @Field(() => String, { nullable: true, description: 'problem-list-item or encounter-diagnosis.' })
  @IsOptional()
  @IsIn(['problem-list-item', 'encounter-diagnosis'])
  category: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the condition began.' })
  @IsOptional()
  onsetAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it resolved.' })
  @IsOptional()
  abatementAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was recorded.' })
  @IsOptional()
  recordedAt: Date | null;
}
