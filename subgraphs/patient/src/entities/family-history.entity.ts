import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { FamilyCondition } from './family-condition';
import { HealthRecordBase } from './health-record-base';

@ObjectType('FamilyHistory', { description: "A relative's health history (FHIR FamilyMemberHistory)." })
@Directive('@key(fields: "id")')
@Entity({ name: 'family_history' })
export class FamilyHistoryEntity extends HealthRecordBase {
  @Column({ type: 'text' })
  @Field(() => String, { description: 'partial, completed, entered-in-error or health-unknown.' })
  status: string;

  @Column({ name: 'relationship_code', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Relationship as a v3 RoleCode, e.g. MTH, FTH, SIS.' })
  relationshipCode: string | null;

  @Column({ name: 'relationship_display', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Relationship in words, e.g. "mother".' })
  relationshipDisplay: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The relative's administrative sex." })
  sex: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the history was recorded.' })
  recordedAt: Date | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  @Field(() => [FamilyCondition], { description: 'Conditions the relative had.' })
  conditions: FamilyCondition[];
}
