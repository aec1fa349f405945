import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AlertRuleKind, AlertSeverity, NotificationChannelKind } from '../monitoring-vocabulary';

@ObjectType('NotificationChannel', { description: 'One place an alert rule notifies.' })
export class NotificationChannel {
  @Field(() => NotificationChannelKind, { description: 'How it is notified.' })
  kind: NotificationChannelKind;

  @Field(() => String, { description: 'The webhook URL or the e-mail address.' })
  target: string;
}

@ObjectType('AlertRule', {
  description: 'A condition monitoring checks every few seconds, and whom it notifies.',
})
@Entity({ name: 'monitoring_alert_rule' })
export class AlertRuleEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'What operators call it.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => AlertRuleKind, { description: 'What it watches.' })
  @Column({ type: 'text' })
  kind: AlertRuleKind;

  @Field(() => String, { nullable: true, description: 'Only this process (registry name); null: every one.' })
  @Column({ type: 'text', nullable: true })
  service: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The metric (METRIC_THRESHOLD), queue name (QUEUE_BACKLOG) or event type (EVENT_LAG); null: any queue or type.',
  })
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Field(() => Float, { description: 'The limit; its unit depends on the kind.' })
  @Column({ type: 'double precision' })
  threshold: number;

  @Field(() => Int, { description: 'Window the condition is measured over, in seconds.' })
  @Column({ name: 'window_seconds', type: 'int' })
  windowSeconds: number;

  @Field(() => AlertSeverity, { description: 'Severity of the alerts it fires.' })
  @Column({ type: 'text' })
  severity: AlertSeverity;

  @Field(() => [NotificationChannel], { description: 'Where its alerts go.' })
  @Column({ type: 'jsonb', default: () => `'[]'` })
  channels: NotificationChannel[];

  @Field(() => Boolean, { description: 'Disabled rules fire nothing.' })
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Field(() => Date, { description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
