import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { BillingSubscriptionEntity } from '../entities/billing-subscription.entity';
import { SubscriptionStatus } from '../entities/subscription-status';
import { lockUserBilling } from '../checkout/billing-customer';
import { applyStripeSubscription } from './subscription-sync';

/** The user's current (not canceled) subscription, or null. */
export async function currentSubscription(
  dataSource: DataSource,
  userId: string,
): Promise<BillingSubscriptionEntity | null> {
  return dataSource
    .getRepository(BillingSubscriptionEntity)
    .createQueryBuilder('subscription')
    .where('subscription.user_id = :userId', { userId })
    .orderBy(`(subscription.status <> 'CANCELED')`, 'DESC')
    .addOrderBy('subscription.created_at', 'DESC')
    .getOne();
}

/**
 * Cancels at the end of the paid period (the user keeps what they paid for): Stripe is told first, and the
 * answer it gives is applied at once, so the app shows it without waiting for the webhook.
 */
export async function cancelAtPeriodEnd(
  deps: { stripe: Stripe; dataSource: DataSource; graceDays: number },
  userId: string,
): Promise<BillingSubscriptionEntity> {
  return deps.dataSource.transaction(async (manager) => {
    await lockUserBilling(manager, userId);
    const rows = await manager.find(BillingSubscriptionEntity, {
      where: { userId },
      order: { createdAt: 'DESC' },
    });
    const live = rows.find((row) => row.status !== SubscriptionStatus.CANCELED);
    if (!live)
      throw new BillingError(BillingErrorCode.NO_ACTIVE_SUBSCRIPTION, 'You have no subscription to cancel.');
    if (live.cancelAtPeriodEnd) return live;
    const updated = await deps.stripe.subscriptions.update(live.stripeSubscriptionId, {
      cancel_at_period_end: true,
    });
    const applied = await applyStripeSubscription(manager, updated, {
      now: new Date(),
      graceDays: deps.graceDays,
      reason: 'cancel_requested',
      stripeEventId: null,
    });
    return applied ?? live;
  });
}
