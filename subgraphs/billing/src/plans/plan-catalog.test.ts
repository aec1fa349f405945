import { describe, expect, it } from 'vitest';
import { BillingInterval, PLAN_CATALOG, PlanId, planForLookupKey, priceLookupKey } from './plan-catalog';

describe('plan catalog', () => {
  it('defines every plan id once, and a price for each interval of every paid plan', () => {
    expect(PLAN_CATALOG.map((plan) => plan.id).sort()).toEqual(Object.values(PlanId).sort());
    for (const plan of PLAN_CATALOG.filter((candidate) => candidate.id !== PlanId.FREE)) {
      expect(plan.prices?.MONTH).toBeGreaterThan(0);
      expect(plan.prices?.YEAR).toBeLessThan((plan.prices?.MONTH ?? 0) * 12);
      expect(Number.isInteger(plan.includedCreditsCents.MONTH)).toBe(true);
    }
  });

  it('maps lookup keys both ways and ignores prices that are not ours', () => {
    const key = priceLookupKey(PlanId.FAMILY, BillingInterval.YEAR);
    expect(key).toBe('holovitals_family_year');
    expect(planForLookupKey(key)).toEqual({ plan: PlanId.FAMILY, interval: BillingInterval.YEAR });
    expect(planForLookupKey('holovitals_free_month')).toBeNull();
    expect(planForLookupKey(null)).toBeNull();
  });
});
