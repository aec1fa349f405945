import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { BillingSubscriptionEntity } from '../entities/billing-subscription.entity';
import { SubscriptionStatus } from '../entities/subscription-status';
import { CURRENCY, planForLookupKey } from '../plans/plan-catalog';
import { publishEntitlements } from './entitlements';
import { localStatus } from './subscription-state';

export interface SyncContext {
  now: Date;
  graceDays: number;
  /** What caused the sync: a Stripe event type, `cancel_requested`, `grace_expired`… */
  reason: string;
  stripeEventId: string | null;
}

function stripeId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** The HoloVitals user a Stripe customer belongs to; null for a customer HoloVitals did not create. */
export async function userForCustomer(manager: EntityManager, customerId: string): Promise<string | null> {
  const rows = (await manager.query(`SELECT user_id FROM billing_customer WHERE stripe_customer_id = $1`, [
    customerId,
  ])) as { user_id: string }[];
  return rows[0]?.user_id ?? null;
}

export async function recordHistory(
  manager: EntityManager,
  row: BillingSubscriptionEntity,
  fromStatus: SubscriptionStatus | null,
  context: SyncContext,
): Promise<void> {
  await manager.query(
    `INSERT INTO billing_subscription_history
       (subscription_id, from_status, to_status, plan, cancel_at_period_end, reason, stripe_event_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.id,
      fromStatus,
      row.status,
      row.plan,
      row.cancelAtPeriodEnd,
      context.reason,
      context.stripeEventId,
      context.now,
    ],
  );
}

/**
 * Applies a subscription as Stripe currently has it (always retrieved from the API, so webhooks arriving late,
 * twice or out of order converge on the same row). Records history and publishes entitlements when anything a
 * user would notice changed. Returns null for a subscription that is not HoloVitals' (unknown customer, foreign
 * price, another currency) or not yet paid.
 */
export async function applyStripeSubscription(
  manager: EntityManager,
  subscription: Stripe.Subscription,
  context: SyncContext,
): Promise<BillingSubscriptionEntity | null> {
  const customerId = stripeId(subscription.customer);
  const userId = customerId ? await userForCustomer(manager, customerId) : null;
  const item = subscription.items.data[0];
  const catalog = planForLookupKey(item?.price.lookup_key ?? null);
  if (!userId || !item || !catalog || item.price.currency !== CURRENCY) return null;

  const existing = await manager.findOne(BillingSubscriptionEntity, {
    where: { stripeSubscriptionId: subscription.id },
    lock: { mode: 'pessimistic_write' },
  });
  const pastDueSince = subscription.status === 'past_due' ? (existing?.pastDueSince ?? context.now) : null;
  const status = localStatus(subscription.status, pastDueSince, context.now, context.graceDays);
  if (!status) return existing;

  const periodStart = new Date(item.current_period_start * 1000);
  // A scheduled downgrade already has Stripe billing the cheaper price from the next period; until that period
  // starts the user keeps the plan they paid for, and the schedule stays.
  const awaitingDowngrade =
    existing?.scheduledPlan === catalog.plan &&
    existing.scheduledInterval === catalog.interval &&
    periodStart < existing.currentPeriodEnd;
  const downgradeApplied =
    !awaitingDowngrade &&
    existing?.scheduledPlan === catalog.plan &&
    existing.scheduledInterval === catalog.interval;
  const row = existing ?? manager.create(BillingSubscriptionEntity, { createdAt: context.now });
  const before = existing
    ? {
        status: existing.status,
        plan: existing.plan,
        interval: existing.interval,
        cancel: existing.cancelAtPeriodEnd,
        end: existing.currentPeriodEnd.getTime(),
      }
    : null;
  Object.assign(row, {
    userId,
    stripeSubscriptionId: subscription.id,
    plan: awaitingDowngrade ? existing.plan : catalog.plan,
    interval: awaitingDowngrade ? existing.interval : catalog.interval,
    scheduledPlan: awaitingDowngrade ? existing.scheduledPlan : null,
    scheduledInterval: awaitingDowngrade ? existing.scheduledInterval : null,
    status,
    stripeStatus: subscription.status,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    currency: item.price.currency,
    currentPeriodStart: periodStart,
    currentPeriodEnd: new Date(item.current_period_end * 1000),
    pastDueSince,
    canceledAt: subscription.canceled_at ? new Date(subscription.canceled_at * 1000) : null,
    updatedAt: context.now,
  });
  const saved = await manager.save(BillingSubscriptionEntity, row);
  const changed =
    !before ||
    before.status !== saved.status ||
    before.plan !== saved.plan ||
    before.interval !== saved.interval ||
    before.cancel !== saved.cancelAtPeriodEnd ||
    before.end !== saved.currentPeriodEnd.getTime();
  if (changed) {
    await recordHistory(
      manager,
      saved,
      before?.status ?? null,
      downgradeApplied ? { ...context, reason: 'scheduled_downgrade_applied' } : context,
    );
    await publishEntitlements(manager, userId);
  }
  return saved;
}

/**
 * Applies every scheduled downgrade whose period has ended (Stripe already bills the new price, so only the local
 * plan moves; the renewal's webhook then finds nothing new). Rows another sweep holds are skipped. Returns how
 * many were applied.
 */
export async function applyDueDowngrades(
  manager: EntityManager,
  now: Date,
  graceDays: number,
): Promise<number> {
  const due = await manager
    .createQueryBuilder(BillingSubscriptionEntity, 'subscription')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where(`subscription.scheduled_plan IS NOT NULL`)
    .andWhere(`subscription.current_period_end <= :now`, { now })
    .andWhere(`subscription.status <> :canceled`, { canceled: SubscriptionStatus.CANCELED })
    .getMany();
  for (const row of due) {
    if (!row.scheduledPlan || !row.scheduledInterval) continue;
    row.plan = row.scheduledPlan;
    row.interval = row.scheduledInterval;
    row.scheduledPlan = null;
    row.scheduledInterval = null;
    row.updatedAt = now;
    await manager.save(BillingSubscriptionEntity, row);
    await recordHistory(manager, row, row.status, {
      now,
      graceDays,
      reason: 'scheduled_downgrade_applied',
      stripeEventId: null,
    });
    await publishEntitlements(manager, row.userId);
  }
  return due.length;
}

/**
 * Locks every PAST_DUE subscription whose grace period ended (one transaction; rows another sweep holds are
 * skipped). Returns how many were locked.
 */
export async function lockExpiredGracePeriods(
  manager: EntityManager,
  now: Date,
  graceDays: number,
): Promise<number> {
  const expired = await manager
    .createQueryBuilder(BillingSubscriptionEntity, 'subscription')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where(`subscription.status = :status`, { status: SubscriptionStatus.PAST_DUE })
    .andWhere(`subscription.past_due_since <= :cutoff`, {
      cutoff: new Date(now.getTime() - graceDays * 24 * 3600 * 1000),
    })
    .getMany();
  for (const row of expired) {
    row.status = SubscriptionStatus.LOCKED;
    row.updatedAt = now;
    await manager.save(BillingSubscriptionEntity, row);
    await recordHistory(manager, row, SubscriptionStatus.PAST_DUE, {
      now,
      graceDays,
      reason: 'grace_expired',
      stripeEventId: null,
    });
    await publishEntitlements(manager, row.userId);
  }
  return expired.length;
}
