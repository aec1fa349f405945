import { describe, expect, it } from 'vitest';
import { redeliveryDelayMs } from './redelivery-backoff';

describe('redeliveryDelayMs', () => {
  it('waits retryAfterMs after the first delivery and doubles per further delivery', () => {
    expect([1, 2, 3, 4].map((deliveries) => redeliveryDelayMs(1_000, deliveries))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('caps the wait at 64 times retryAfterMs', () => {
    expect(redeliveryDelayMs(1_000, 7)).toBe(64_000);
    expect(redeliveryDelayMs(1_000, 50)).toBe(64_000);
  });
});
