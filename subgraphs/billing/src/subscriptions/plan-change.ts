import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { lockUserBilling } from '../checkout/billing-customer';
import { BillingSubscriptionEntity } from '../entities/billing-subscription.entity';
import { SubscriptionStatus } from '../entities/subscription-status';
import { BillingInterval, PlanId, planDefinition, priceLookupKey } from '../plans/plan-catalog';
import type { PriceIds } from '../plans/plan-sync';
import { applyStripeSubscription, recordHistory } from './subscription-sync';

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
 * item). An upgrade applies now: invoiced at once for the rest of the period less the unused part of the old
 * price (`always_invoice`; its paid invoice tops the period's credit up to the new plan's), and Stripe's answer
 * is applied as the webhook would. A cheaper plan at the same interval is scheduled for the period's end: Stripe
 * gets the new price without proration (nothing refunded, the next renewal bills it) and the user keeps the plan
 * they paid for until then. A shorter interval (annual → monthly) restarts Stripe's period, so it applies now,
 * leaving the unused difference as a credit on the next invoice (`create_prorations`). Asking for the current
 * plan while a downgrade waits withdraws the downgrade.
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
    // Held until commit, so the webhook of the update below sees the schedule written here.
    if (live)
      await manager.findOne(BillingSubscriptionEntity, {
        where: { id: live.id },
        lock: { mode: 'pessimistic_write' },
      });
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
    const keepsCurrent = live.plan === input.plan && live.interval === input.interval;
    if (keepsCurrent && !live.scheduledPlan)
      throw new BillingError(
        BillingErrorCode.SAME_PLAN,
        `You already have ${input.plan} billed ${input.interval}.`,
      );
    const current = await deps.stripe.subscriptions.retrieve(live.stripeSubscriptionId);
    const item = current.items.data[0];
    if (!item) throw new Error(`Stripe subscription ${current.id} has no item`);
    if (live.scheduledPlan) {
      // Stripe holds the scheduled (cheaper) price: put back the one paid for, so nothing is prorated against
      // a price the user never had.
      const paidPriceId = deps.priceIds.get(priceLookupKey(live.plan, live.interval));
      if (!paidPriceId) throw new Error(`No Stripe price synced for ${live.plan} ${live.interval}`);
      await deps.stripe.subscriptions.update(live.stripeSubscriptionId, {
        items: [{ id: item.id, price: paidPriceId }],
        proration_behavior: 'none',
      });
      live.scheduledPlan = null;
      live.scheduledInterval = null;
      if (keepsCurrent) return saveSchedule(manager, live, 'scheduled_downgrade_withdrawn', deps.graceDays);
    }
    const upgrade = isUpgrade(live, input);
    if (!upgrade && input.interval === live.interval) {
      await deps.stripe.subscriptions.update(live.stripeSubscriptionId, {
        items: [{ id: item.id, price: priceId }],
        proration_behavior: 'none',
      });
      live.scheduledPlan = input.plan;
      live.scheduledInterval = input.interval;
      return saveSchedule(manager, live, 'plan_downgrade_scheduled', deps.graceDays);
    }
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

/** Stores a scheduled downgrade (or its withdrawal) with a history row; entitlements do not change until it applies. */
async function saveSchedule(
  manager: EntityManager,
  subscription: BillingSubscriptionEntity,
  reason: string,
  graceDays: number,
): Promise<BillingSubscriptionEntity> {
  const now = new Date();
  subscription.updatedAt = now;
  const saved = await manager.save(BillingSubscriptionEntity, subscription);
  await recordHistory(manager, saved, saved.status, { now, graceDays, reason, stripeEventId: null });
  return saved;
}
