import { describe, expect, it } from 'vitest';
import { SubscribeRate } from './subscribe-rate';

describe('subscribe rate', () => {
  it('allows the budget within a window, refuses past it, and starts again in the next window', () => {
    const rate = new SubscribeRate(3, 1_000);
    expect([rate.allow(0), rate.allow(10), rate.allow(20), rate.allow(30)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(rate.allow(999)).toBe(false);
    expect(rate.allow(1_000)).toBe(true);
  });
});
