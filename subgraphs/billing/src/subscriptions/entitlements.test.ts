import { describe, expect, it } from 'vitest';
import { SubscriptionStatus } from '../entities/subscription-status';
import { PlanId } from '../plans/plan-catalog';
import { entitlementsFor } from './entitlements';

describe('entitlementsFor', () => {
  it('gives Free to a user who never subscribed', () => {
    expect(entitlementsFor(null)).toMatchObject({ plan: PlanId.FREE, status: SubscriptionStatus.ACTIVE });
    expect(entitlementsFor(null).features).not.toContain('AI_ANALYSIS');
  });

  it('keeps the plan’s features while active and during the grace period', () => {
    for (const status of [SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE])
      expect(entitlementsFor({ plan: PlanId.PLUS, status }).features).toContain('AI_ANALYSIS');
  });

  it('locks paid features after the grace period but keeps naming the plan; canceled is Free', () => {
    const locked = entitlementsFor({ plan: PlanId.FAMILY, status: SubscriptionStatus.LOCKED });
    expect(locked.plan).toBe(PlanId.FAMILY);
    expect(locked.features).not.toContain('FAMILY_MEMBERS');
    expect(entitlementsFor({ plan: PlanId.PLUS, status: SubscriptionStatus.CANCELED })).toMatchObject({
      plan: PlanId.FREE,
      status: SubscriptionStatus.CANCELED,
    });
  });
});
