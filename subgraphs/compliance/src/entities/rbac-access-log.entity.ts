import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum RbacDecision {
  ALLOW = 'ALLOW',
  DENY = 'DENY',
}
registerEnumType(RbacDecision, {
  name: 'RbacDecision',
  description: 'What an authorization check decided.',
  valuesConfig: {
    ALLOW: { description: 'The caller’s roles and grants allowed the access.' },
    DENY: { description: 'The access was refused.' },
  },
});

/** One authorization decision, taken from an audit entry's outcome as it was ingested. */
@ObjectType('RbacAccessLogEntry', { description: 'One allow or deny decision of an authorization check.' })
@Entity({ name: 'rbac_access_log' })
export class RbacAccessLogEntity {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (value: number) => value, from: Number } })
  @Field(() => ID, { description: 'Position of the audit entry the decision comes from.' })
  seq: number;

  @Column({ name: 'event_id', type: 'uuid' })
  @Field(() => ID, { description: 'Id of the audit.recorded event.' })
  eventId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  @Field({ description: 'When the decision was taken.' })
  occurredAt: Date;

  @Column({ type: 'text' })
  @Field(() => RbacDecision, { description: 'ALLOW or DENY.' })
  decision: RbacDecision;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who asked: a user id, or a system actor.' })
  actorId: string | null;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  @Field(() => [String], { description: 'The roles the actor held.' })
  actorRoles: string[];

  @Column({ type: 'text' })
  @Field({ description: 'What was attempted: read, update, export, login…' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  @Field({ description: 'Kind of data, e.g. Patient or Observation.' })
  entityType: string;

  @Column({ name: 'patient_ids', type: 'uuid', array: true })
  @Field(() => [ID], { description: 'The patients whose data was asked for.' })
  patientIds: string[];

  @Column({ type: 'text' })
  @Field({ description: 'The service that decided.' })
  service: string;
}
