import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { CodedRecordBase } from './coded-record-base';

@ObjectType('Condition', { description: 'A diagnosis, problem or health concern (FHIR Condition).' })
@Directive('@key(fields: "id")')
@Entity({ name: 'condition' })
export class ConditionEntity extends CodedRecordBase {
  @Column({ name: 'clinical_status', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'active, recurrence, relapse, inactive, remission or resolved.',
  })
  clinicalStatus: string | null;

  @Column({ name: 'verification_status', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'unconfirmed, provisional, differential, confirmed, refuted.',
  })
  verificationStatus: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'problem-list-item or encounter-diagnosis.' })
  category: string | null;

  @Column({ name: 'onset_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the condition began.' })
  onsetAt: Date | null;

  @Column({ name: 'abatement_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the condition resolved or went into remission.',
  })
  abatementAt: Date | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the condition was first recorded.' })
  recordedAt: Date | null;
}
