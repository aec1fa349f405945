import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BillingInterval, PlanId } from '../plans/plan-catalog';
import { SubscriptionStatus } from './subscription-status';

@ObjectType('BillingSubscription', { description: 'A paid plan subscription, as Stripe last reported it.' })
@Entity({ name: 'billing_subscription' })
export class BillingSubscriptionEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'stripe_subscription_id', type: 'text' })
  stripeSubscriptionId: string;

  @Field(() => PlanId, { description: 'The subscribed plan.' })
  @Column({ type: 'text' })
  plan: PlanId;

  @Field(() => BillingInterval, { description: 'How often it is billed.' })
  @Column({ type: 'text' })
  interval: BillingInterval;

  @Field(() => SubscriptionStatus, { description: 'What it currently grants.' })
  @Column({ type: 'text' })
  status: SubscriptionStatus;

  @Column({ name: 'stripe_status', type: 'text' })
  stripeStatus: string;

  @Field(() => Boolean, { description: 'True when it ends at the current period’s end instead of renewing.' })
  @Column({ name: 'cancel_at_period_end', type: 'boolean' })
  cancelAtPeriodEnd: boolean;

  @Field(() => String, { description: 'ISO 4217 currency code, lower case.' })
  @Column({ type: 'text' })
  currency: string;

  @Field(() => Date, { description: 'Start of the current billing period.' })
  @Column({ name: 'current_period_start', type: 'timestamptz' })
  currentPeriodStart: Date;

  @Field(() => Date, {
    description: 'End of the current period: the next renewal, or the end when canceling.',
  })
  @Column({ name: 'current_period_end', type: 'timestamptz' })
  currentPeriodEnd: Date;

  @Field(() => PlanId, {
    nullable: true,
    description:
      'A downgrade waiting for the end of the current period (currentPeriodEnd); null when none is.',
  })
  @Column({ name: 'scheduled_plan', type: 'text', nullable: true })
  scheduledPlan: PlanId | null;

  @Field(() => BillingInterval, {
    nullable: true,
    description: 'The billing interval of the scheduled plan.',
  })
  @Column({ name: 'scheduled_interval', type: 'text', nullable: true })
  scheduledInterval: BillingInterval | null;

  @Field(() => Date, { nullable: true, description: 'When a payment first failed; null while paid up.' })
  @Column({ name: 'past_due_since', type: 'timestamptz', nullable: true })
  pastDueSince: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was canceled or ended.' })
  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true })
  canceledAt: Date | null;

  @Field(() => Date, { description: 'When HoloVitals first saw it.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
