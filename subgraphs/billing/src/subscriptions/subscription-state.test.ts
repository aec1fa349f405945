import { describe, expect, it } from 'vitest';
import { SubscriptionStatus } from '../entities/subscription-status';
import { graceEnds, localStatus } from './subscription-state';

const now = new Date('2026-12-10T00:00:00Z');

describe('localStatus', () => {
  it('maps Stripe’s states', () => {
    expect(localStatus('active', null, now, 7)).toBe(SubscriptionStatus.ACTIVE);
    expect(localStatus('canceled', null, now, 7)).toBe(SubscriptionStatus.CANCELED);
    expect(localStatus('unpaid', null, now, 7)).toBe(SubscriptionStatus.LOCKED);
    expect(localStatus('incomplete', null, now, 7)).toBeNull();
  });

  it('keeps a past_due subscription in its grace period, then locks it', () => {
    expect(localStatus('past_due', null, now, 7)).toBe(SubscriptionStatus.PAST_DUE);
    expect(localStatus('past_due', new Date('2026-12-04T00:00:00Z'), now, 7)).toBe(
      SubscriptionStatus.PAST_DUE,
    );
    expect(localStatus('past_due', new Date('2026-12-03T00:00:00Z'), now, 7)).toBe(SubscriptionStatus.LOCKED);
    expect(graceEnds(new Date('2026-12-03T00:00:00Z'), 7)).toEqual(now);
  });
});
