import { enqueueEvent } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { SubscriptionStatus } from '../entities/subscription-status';
import { remainingCredits } from '../ledger/credit-ledger';
import { type Feature, PlanId, planDefinition } from '../plans/plan-catalog';

export interface Entitlements {
  plan: PlanId;
  status: SubscriptionStatus;
  features: Feature[];
}

/**
 * What a user may use, from their latest subscription: its plan's features while ACTIVE or PAST_DUE (the grace
 * period), Free's once LOCKED (the plan is kept so the app can ask for payment) or CANCELED (back on Free).
 */
export function entitlementsFor(latest: { plan: PlanId; status: SubscriptionStatus } | null): Entitlements {
  if (!latest)
    return {
      plan: PlanId.FREE,
      status: SubscriptionStatus.ACTIVE,
      features: [...planDefinition(PlanId.FREE).features],
    };
  switch (latest.status) {
    case SubscriptionStatus.ACTIVE:
    case SubscriptionStatus.PAST_DUE:
      return {
        plan: latest.plan,
        status: latest.status,
        features: [...planDefinition(latest.plan).features],
      };
    case SubscriptionStatus.LOCKED:
      return {
        plan: latest.plan,
        status: latest.status,
        features: [...planDefinition(PlanId.FREE).features],
      };
    case SubscriptionStatus.CANCELED:
      return {
        plan: PlanId.FREE,
        status: latest.status,
        features: [...planDefinition(PlanId.FREE).features],
      };
  }
}

/** The user's latest subscription row, or null when they never subscribed. */
export async function latestSubscription(
  manager: EntityManager,
  userId: string,
): Promise<{ plan: PlanId; status: SubscriptionStatus } | null> {
  const rows = (await manager.query(
    `SELECT plan, status FROM billing_subscription WHERE user_id = $1
     ORDER BY (status <> 'CANCELED') DESC, created_at DESC LIMIT 1`,
    [userId],
  )) as { plan: PlanId; status: SubscriptionStatus }[];
  return rows[0] ?? null;
}

/** Publishes the user's current entitlements and credit in the caller's transaction (outbox). */
export async function publishEntitlements(
  manager: EntityManager,
  userId: string,
  traceId: string | null = null,
): Promise<Entitlements & { credits: number }> {
  const entitlements = entitlementsFor(await latestSubscription(manager, userId));
  const credits = await remainingCredits(manager, userId);
  await enqueueEvent(
    manager,
    'billing',
    'billing.entitlements.changed',
    {
      userId,
      plan: entitlements.plan,
      status: entitlements.status,
      features: entitlements.features,
      credits,
    },
    { traceId },
  );
  return { ...entitlements, credits };
}
