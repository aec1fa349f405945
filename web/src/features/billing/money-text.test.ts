import { describe, expect, it } from 'vitest';
import { moneyText, subscriptionStatusText } from './money-text';

describe('moneyText', () => {
  it('formats cents in the given currency', () => {
    expect(moneyText(900, 'usd')).toMatch(/9\.00/);
    expect(moneyText(0, 'usd')).toMatch(/0\.00/);
  });
});

describe('subscriptionStatusText', () => {
  it('tells an active plan that ends apart from one that renews, and explains a failed payment', () => {
    expect(subscriptionStatusText('ACTIVE', false)).toBe('Active');
    expect(subscriptionStatusText('ACTIVE', true)).toMatch(/until the end/);
    expect(subscriptionStatusText('PAST_DUE', false)).toMatch(/grace period/);
    expect(subscriptionStatusText('LOCKED', false)).toMatch(/Locked/);
  });
});
