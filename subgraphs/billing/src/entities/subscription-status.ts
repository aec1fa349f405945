import { registerEnumType } from 'type-graphql';

/** A subscription's state as HoloVitals applies it (Stripe's status plus the grace period). */
export enum SubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAST_DUE = 'PAST_DUE',
  LOCKED = 'LOCKED',
  CANCELED = 'CANCELED',
}

registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description: 'What a subscription currently grants.',
  valuesConfig: {
    ACTIVE: { description: 'Paid up: the plan’s features are unlocked.' },
    PAST_DUE: { description: 'A payment failed; features stay unlocked during the grace period.' },
    LOCKED: { description: 'The grace period ended unpaid: paid features are locked until payment.' },
    CANCELED: { description: 'Ended: the account is back on the Free plan.' },
  },
});
