import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { CodedRecordBase } from './coded-record-base';

@ObjectType('Allergy', { description: 'An allergy or intolerance (FHIR AllergyIntolerance).' })
@Directive('@key(fields: "id")')
@Entity({ name: 'allergy' })
export class AllergyEntity extends CodedRecordBase {
  @Column({ name: 'clinical_status', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'active, inactive or resolved.' })
  clinicalStatus: string | null;

  @Column({ name: 'verification_status', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'unconfirmed, confirmed, refuted or entered-in-error.',
  })
  verificationStatus: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'allergy or intolerance.' })
  type: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'food, medication, environment or biologic.' })
  category: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'low, high or unable-to-assess.' })
  criticality: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The reaction it causes, e.g. "Hives".' })
  reaction: string | null;

  @Column({ name: 'onset_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was first noticed.' })
  onsetAt: Date | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was recorded.' })
  recordedAt: Date | null;
}
