import { SubscriptionStatus } from '../entities/subscription-status';

const DAY_MS = 24 * 3600 * 1000;

/**
 * HoloVitals' status for a Stripe subscription status: past_due keeps the plan until `graceDays` after the first
 * failed payment, then locks; unpaid locks at once; incomplete (checkout not paid) grants nothing yet (null).
 */
export function localStatus(
  stripeStatus: string,
  pastDueSince: Date | null,
  now: Date,
  graceDays: number,
): SubscriptionStatus | null {
  switch (stripeStatus) {
    case 'active':
    case 'trialing':
      return SubscriptionStatus.ACTIVE;
    case 'past_due':
      return pastDueSince && graceEnds(pastDueSince, graceDays) <= now
        ? SubscriptionStatus.LOCKED
        : SubscriptionStatus.PAST_DUE;
    case 'unpaid':
    case 'paused':
      return SubscriptionStatus.LOCKED;
    case 'canceled':
    case 'incomplete_expired':
      return SubscriptionStatus.CANCELED;
    default:
      return null;
  }
}

export function graceEnds(pastDueSince: Date, graceDays: number): Date {
  return new Date(pastDueSince.getTime() + graceDays * DAY_MS);
}
