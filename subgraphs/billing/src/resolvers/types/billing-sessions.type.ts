import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('CheckoutSession', { description: 'A Stripe Checkout page to pay for a plan.' })
export class CheckoutSession {
  @Field(() => ID, { description: 'Stripe’s checkout session id.' })
  id: string;

  @Field(() => String, { description: 'Where to send the browser to pay.' })
  url: string;
}

@ObjectType('PortalSession', { description: 'A Stripe customer portal page (cards, invoices, cancel).' })
export class PortalSession {
  @Field(() => String, { description: 'Where to send the browser.' })
  url: string;
}
