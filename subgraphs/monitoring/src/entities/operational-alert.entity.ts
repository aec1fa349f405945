import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AlertRuleKind, AlertSeverity, OperationalAlertStatus } from '../monitoring-vocabulary';

@ObjectType('OperationalAlert', {
  description:
    'An alert rule firing for one subject (a process, a queue…); compliance’s SecurityAlert is separate.',
})
@Entity({ name: 'monitoring_alert' })
export class OperationalAlertEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The rule that fired.' })
  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId: string;

  @Field(() => AlertRuleKind, { description: 'What the rule watches.' })
  @Column({ type: 'text' })
  kind: AlertRuleKind;

  @Field(() => String, { description: 'What it fired for: a process, `process/queue`, a security alert id.' })
  @Column({ type: 'text' })
  subject: string;

  @Field(() => AlertSeverity, { description: 'From the rule.' })
  @Column({ type: 'text' })
  severity: AlertSeverity;

  @Field(() => OperationalAlertStatus, { description: 'Where it stands.' })
  @Column({ type: 'text' })
  status: OperationalAlertStatus;

  @Field(() => String, { description: 'What happened, in one line.' })
  @Column({ type: 'text' })
  summary: string;

  @Field(() => Date, { description: 'When it fired.' })
  @Column({ name: 'fired_at', type: 'timestamptz' })
  firedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When an administrator acknowledged it.' })
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Who acknowledged it.' })
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When its condition cleared.' })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When every channel accepted its notification.' })
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;

  @Field(() => Int, { description: 'Notification tries so far (retried on the next checks until accepted).' })
  @Column({ name: 'notify_attempts', type: 'int', default: 0 })
  notifyAttempts: number;

  @Field(() => String, { nullable: true, description: 'Why the last notification try failed.' })
  @Column({ name: 'notify_error', type: 'text', nullable: true })
  notifyError: string | null;
}
