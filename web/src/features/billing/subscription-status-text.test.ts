import { describe, expect, it } from 'vitest';
import { subscriptionStatusText } from './subscription-status-text';

describe('subscriptionStatusText', () => {
  it('tells an active plan that ends apart from one that renews, and explains a failed payment', () => {
    expect(subscriptionStatusText('ACTIVE', false)).toBe('Active');
    expect(subscriptionStatusText('ACTIVE', true)).toMatch(/until the end/);
    expect(subscriptionStatusText('PAST_DUE', false)).toMatch(/grace period/);
    expect(subscriptionStatusText('LOCKED', false)).toMatch(/Locked/);
  });
});
