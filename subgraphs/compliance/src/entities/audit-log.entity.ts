import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One audited access, as ingested from `audit.recorded`. Rows are only ever inserted (the database refuses
 * UPDATE, DELETE and TRUNCATE) and chained: `hash` covers the row's canonical content and `prevHash`.
 */
@ObjectType('AuditLogEntry', { description: 'One audited read or write, append-only and hash-chained.' })
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** Position in the chain, gapless from 1; a gap means a row was removed. */
  @PrimaryColumn({ type: 'bigint', transformer: { to: (value: number) => value, from: Number } })
  @Field(() => ID, { description: 'Position of the entry in the audit chain (1, 2, 3…).' })
  seq: number;

  @Column({ name: 'event_id', type: 'uuid' })
  @Field(() => ID, { description: 'Id of the audit.recorded event the entry came from.' })
  eventId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  @Field({ description: 'When the audited access happened.' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who acted: a user id, or a system actor.' })
  actorId: string | null;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  @Field(() => [String], { description: 'The roles the actor held at the time.' })
  actorRoles: string[];

  @Column({ type: 'text' })
  @Field({ description: 'What was done: read, create, update, delete, login, grant…' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  @Field({ description: 'Kind of data touched, e.g. Patient or Observation.' })
  entityType: string;

  @Column({ name: 'entity_ids', type: 'text', array: true })
  @Field(() => [String], { description: 'Ids of the records touched.' })
  entityIds: string[];

  @Column({ name: 'patient_ids', type: 'uuid', array: true })
  @Field(() => [ID], { description: 'Every patient whose data the access touched.' })
  patientIds: string[];

  @Column({ type: 'text' })
  @Field({ description: 'SUCCESS, DENIED or FAILURE.' })
  outcome: string;

  @Column({ name: 'trace_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'W3C trace id of the request.' })
  traceId: string | null;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Address the request came from.' })
  clientIp: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'Service that recorded the access.' })
  service: string;

  @Column({ name: 'on_behalf_of', type: 'uuid', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The patient’s user the actor acted for under a PROXY grant; null otherwise.',
  })
  onBehalfOf: string | null;

  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The consent grant the access relied on, if any.' })
  consentId: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  @Field({ description: 'SHA-256 (hex) of the previous entry; 64 zeros for the first.' })
  prevHash: string;

  @Column({ type: 'text' })
  @Field({ description: 'SHA-256 (hex) of this entry’s canonical content and prevHash.' })
  hash: string;
}
