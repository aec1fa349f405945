import type { EventHandlers } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';

/** What analysis knows of a user's billing: the latest `billing.entitlements.changed` it received. */
export interface ProjectedEntitlements {
  plan: string;
  status: 'ACTIVE' | 'PAST_DUE' | 'LOCKED' | 'CANCELED';
  features: string[];
  creditsCents: number;
}

/**
 * Keeps entitlement_projection in step with billing. Newest wins by occurredAt: a redelivered or overtaken event
 * (older or equal timestamp) changes nothing, so replays and out-of-order delivery converge.
 */
export function entitlementProjectionHandlers(): EventHandlers {
  return {
    'billing.entitlements.changed': async (event, manager) => {
      const { userId, plan, status, features, credits } = event.payload;
      await manager.query(
        `INSERT INTO entitlement_projection (user_id, plan, status, features, credits_cents, event_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
           features = EXCLUDED.features, credits_cents = EXCLUDED.credits_cents, event_id = EXCLUDED.event_id,
           occurred_at = EXCLUDED.occurred_at, updated_at = now()
         WHERE entitlement_projection.occurred_at < EXCLUDED.occurred_at`,
        [userId, plan, status, features, credits, event.id, event.occurredAt],
      );
    },
  };
}

/** The user's projected entitlements; null when billing never published any (a Free user without credits). */
export async function projectedEntitlements(
  manager: EntityManager,
  userId: string,
): Promise<ProjectedEntitlements | null> {
  const rows = (await manager.query(
    `SELECT plan, status, features, credits_cents FROM entitlement_projection WHERE user_id = $1`,
    [userId],
  )) as {
    plan: string;
    status: ProjectedEntitlements['status'];
    features: string[];
    credits_cents: number;
  }[];
  const row = rows[0];
  return row
    ? { plan: row.plan, status: row.status, features: row.features, creditsCents: row.credits_cents }
    : null;
}

// Credits as the web app writes them (at most two decimals, "1 credit"), so the refusal reads like the estimate it refuses.
function creditsText(credits: number): string {
  const amount = Math.round(credits * 100) / 100;
  return `${amount} ${amount === 1 ? 'credit' : 'credits'}`;
}

/**
 * A paid analysis (estimate > 0, in cents) runs only while the subscription is not LOCKED and the remaining
 * credit covers the estimate. Free (rule) analyses always run. Billing debits the real cost afterwards.
 */
export async function requireCreditsFor(
  manager: EntityManager,
  userId: string,
  estimateCents: number,
): Promise<void> {
  if (estimateCents <= 0) return;
  const entitlements = await projectedEntitlements(manager, userId);
  if (entitlements?.status === 'LOCKED')
    throw new AnalysisError(
      AnalysisErrorCode.SUBSCRIPTION_LOCKED,
      'Your subscription is locked after a failed payment; update your card on the billing page to run model analyses.',
      { plan: entitlements.plan },
    );
  const credits = entitlements?.creditsCents ?? 0;
  if (credits < estimateCents)
    throw new AnalysisError(
      AnalysisErrorCode.INSUFFICIENT_CREDITS,
      `This analysis is estimated at ${creditsText(estimateCents)} and you have ${creditsText(credits)} left; upgrade or wait for your next period.`,
      { estimatedCents: estimateCents, remainingCents: credits },
    );
}
