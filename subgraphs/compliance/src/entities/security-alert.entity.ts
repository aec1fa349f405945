import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SecurityAlertKind, SecurityAlertSeverity, SecurityAlertStatus } from '../alerts/alert-vocabulary';

/** Something in the audit trail an administrator must look at: raised by a rule during ingestion, or by hand. */
@ObjectType('SecurityAlert', { description: 'A suspicious pattern in the audit trail, for ADMIN to handle.' })
@Entity({ name: 'security_alert' })
export class SecurityAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Alert id.' })
  id: string;

  @Column({ type: 'text' })
  @Field(() => SecurityAlertKind, { description: 'The rule that raised it, or MANUAL.' })
  kind: SecurityAlertKind;

  @Column({ type: 'text' })
  @Field(() => SecurityAlertSeverity, { description: 'How urgent it is.' })
  severity: SecurityAlertSeverity;

  @Column({ type: 'text' })
  @Field(() => SecurityAlertStatus, { description: 'OPEN, ACKNOWLEDGED or RESOLVED.' })
  status: SecurityAlertStatus;

  /** What the rule counted for (an address, an account, an actor); one open alert per kind and subject. */
  @Column({ type: 'text' })
  @Field({ description: 'What the alert is about: a client address, an account or an actor id.' })
  subject: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The user or system actor whose actions raised it.' })
  actorId: string | null;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The patient whose data was involved, if one was.' })
  patientId: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'What happened, in words an administrator can act on.' })
  details: string;

  @Column({ name: 'event_ids', type: 'uuid', array: true })
  @Field(() => [ID], { description: 'The audit events that triggered it (empty for manual alerts).' })
  eventIds: string[];

  @Column({ name: 'raised_at', type: 'timestamptz' })
  @Field({ description: 'When the alert was raised.' })
  raisedAt: Date;

  @Column({ name: 'raised_by', type: 'uuid', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The administrator who raised it by hand; null for rules.',
  })
  raisedBy: string | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The administrator who acknowledged it.' })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was acknowledged.' })
  acknowledgedAt: Date | null;
}
