import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('PaymentMethod', {
  description: 'A card on file at Stripe (only brand and last digits are shown).',
})
export class PaymentMethod {
  @Field(() => ID, { description: 'Stripe’s payment method id.' })
  id: string;

  @Field(() => String, { description: 'Card brand (visa, mastercard, …).' })
  brand: string;

  @Field(() => String, { description: 'Last four digits.' })
  last4: string;

  @Field(() => Int, { description: 'Expiry month (1–12).' })
  expMonth: number;

  @Field(() => Int, { description: 'Expiry year.' })
  expYear: number;

  @Field(() => Boolean, { description: 'True for the card invoices are charged to.' })
  isDefault: boolean;
}
