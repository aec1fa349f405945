import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('PaymentIntent', {
  description: 'A payment Stripe attempted for the caller (a checkout, a renewal, a plan change).',
})
export class PaymentIntent {
  @Field(() => ID, { description: 'Stripe’s payment intent id.' })
  id: string;

  @Field(() => Int, { description: 'Amount asked, in cents of `currency`.' })
  amountCents: number;

  @Field(() => Int, { description: 'Amount received, in cents (0 while the payment failed).' })
  amountReceivedCents: number;

  @Field(() => String, { description: 'ISO currency code, lower case.' })
  currency: string;

  @Field(() => String, {
    description: 'Stripe’s status: succeeded, requires_payment_method (failed, awaiting a new card), …',
  })
  status: string;

  @Field(() => String, { nullable: true, description: 'Number of the invoice it paid, once known.' })
  invoiceNumber: string | null;

  @Field(() => Int, { description: 'Refunded so far, in cents.' })
  refundedCents: number;

  @Field(() => Date, { description: 'When Stripe created it.' })
  createdAt: Date;
}
