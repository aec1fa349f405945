import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PlanId } from '../plans/plan-catalog';

@ObjectType('Invoice', { description: 'A Stripe invoice for one billing period of a subscription.' })
@Entity({ name: 'billing_invoice' })
export class InvoiceEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'stripe_invoice_id', type: 'text' })
  stripeInvoiceId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'stripe_subscription_id', type: 'text' })
  stripeSubscriptionId: string;

  @Field(() => PlanId, { description: 'The plan billed.' })
  @Column({ type: 'text' })
  plan: PlanId;

  @Field(() => String, { nullable: true, description: 'The invoice number printed on it.' })
  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Field(() => String, { description: 'Stripe’s invoice status: open, paid, void or uncollectible.' })
  @Column({ type: 'text' })
  status: string;

  @Field(() => Int, { description: 'Amount due, in cents.' })
  @Column({ name: 'amount_due', type: 'int' })
  amountDue: number;

  @Field(() => Int, { description: 'Amount paid, in cents.' })
  @Column({ name: 'amount_paid', type: 'int' })
  amountPaid: number;

  @Field(() => Int, { description: 'Amount refunded, in cents.' })
  @Column({ name: 'amount_refunded', type: 'int' })
  amountRefunded: number;

  @Field(() => String, { description: 'ISO 4217 currency code, lower case.' })
  @Column({ type: 'text' })
  currency: string;

  @Field(() => Date, { description: 'Start of the billed period.' })
  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Field(() => Date, { description: 'End of the billed period.' })
  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd: Date;

  @Field(() => String, { nullable: true, description: 'Stripe’s page for viewing and paying the invoice.' })
  @Column({ name: 'hosted_invoice_url', type: 'text', nullable: true })
  hostedInvoiceUrl: string | null;

  @Column({ name: 'payment_intent_id', type: 'text', nullable: true })
  paymentIntentId: string | null;

  @Field(() => Date, { description: 'When the invoice was issued.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
