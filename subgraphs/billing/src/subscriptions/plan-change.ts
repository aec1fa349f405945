import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { lockUserBilling } from '../checkout/billing-customer';
import { BillingSubscriptionEntity } from '../entities/billing-subscription.entity';
import { SubscriptionStatus } from '../entities/subscription-status';
import { BillingInterval, PlanId, planDefinition, priceLookupKey } from '../plans/plan-catalog';
import type { PriceIds } from '../plans/plan-sync';
import { applyStripeSubscription } from './subscription-sync';

export interface PlanChangeDependencies {
  stripe: Stripe;
  dataSource: DataSource;
  priceIds: PriceIds;
  graceDays: number;
}

/**
 * An upgrade is a longer interval (monthly → annual: the year is paid now) or, at the same interval, a dearer
 * plan; anything else is a downgrade.
 */
function isUpgrade(from: { plan: PlanId; interval: BillingInterval }, to: typeof from): boolean {
  if (from.interval !== to.interval) return to.interval === BillingInterval.YEAR;
  const price = (plan: PlanId): number => planDefinition(plan).prices?.[to.interval] ?? 0;
  return price(to.plan) > price(from.plan);
}

/**
 * Switches an ACTIVE subscription to another paid plan or interval, Stripe first (`subscriptions.update` on its
 * item), then applies Stripe's answer at once (history row, entitlements), as the webhook would. Applied now in
 * both directions: an upgrade is invoiced at once for the rest of the period less the unused part of the old
 * price (`always_invoice`; its paid invoice tops the period's credit up to the new plan's), a downgrade leaves the
 * unused difference as a credit on the next invoice (`create_prorations`).
 */
export async function changePlan(
  deps: PlanChangeDependencies,
  input: { userId: string; plan: PlanId; interval: BillingInterval },
): Promise<BillingSubscriptionEntity> {
  if (input.plan === PlanId.FREE)
    throw new BillingError(
      BillingErrorCode.FREE_PLAN_NEEDS_NO_CHECKOUT,
      'To go back to Free, cancel your subscription; it ends with the paid period.',
    );
  const priceId = deps.priceIds.get(priceLookupKey(input.plan, input.interval));
  if (!priceId) throw new Error(`No Stripe price synced for ${input.plan} ${input.interval}`);
  return deps.dataSource.transaction(async (manager) => {
    await lockUserBilling(manager, input.userId);
    const rows = await manager.find(BillingSubscriptionEntity, {
      where: { userId: input.userId },
      order: { createdAt: 'DESC' },
    });
    const live = rows.find((row) => row.status !== SubscriptionStatus.CANCELED);
    if (!live)
      throw new BillingError(
        BillingErrorCode.NO_ACTIVE_SUBSCRIPTION,
        'You have no subscription to change; choose a plan first.',
      );
    if (live.status !== SubscriptionStatus.ACTIVE)
      throw new BillingError(
        BillingErrorCode.SUBSCRIPTION_NOT_ACTIVE,
        'Your last payment did not go through; update your card before changing plan.',
      );
    if (live.plan === input.plan && live.interval === input.interval)
      throw new BillingError(
        BillingErrorCode.SAME_PLAN,
        `You already have ${input.plan} billed ${input.interval}.`,
      );
    const current = await deps.stripe.subscriptions.retrieve(live.stripeSubscriptionId);
    const item = current.items.data[0];
    if (!item) throw new Error(`Stripe subscription ${current.id} has no item`);
    const upgrade = isUpgrade(live, input);
    const updated = await deps.stripe.subscriptions.update(live.stripeSubscriptionId, {
      items: [{ id: item.id, price: priceId }],
      proration_behavior: upgrade ? 'always_invoice' : 'create_prorations',
    });
    const applied = await applyStripeSubscription(manager, updated, {
      now: new Date(),
      graceDays: deps.graceDays,
      reason: upgrade ? 'plan_upgraded' : 'plan_downgraded',
      stripeEventId: null,
    });
    return applied ?? live;
  });
}
