import { describe, expect, it } from 'vitest';
import { awaitingStepUp, rememberVerifiedStepUp, takeStepUpRetry } from './verified-step-ups';

describe('verified step-ups', () => {
  it('hands out a bounded number of retries for a verified step-up, then asks again', () => {
    expect(takeStepUpRetry('BULK_EXPORT')).toBe(false);
    rememberVerifiedStepUp('BULK_EXPORT', new Date(Date.now() + 60_000).toISOString());
    expect(awaitingStepUp('BULK_EXPORT')).toBe(true);
    let taken = 0;
    while (takeStepUpRetry('BULK_EXPORT')) taken += 1;
    expect(taken).toBe(20);
    expect(awaitingStepUp('BULK_EXPORT')).toBe(false);
  });

  it('gives no retries once the step-up expired', () => {
    rememberVerifiedStepUp('ADMIN_PHI_ACCESS', new Date(Date.now() + 1_000).toISOString());
    expect(takeStepUpRetry('ADMIN_PHI_ACCESS', Date.now() + 2_000)).toBe(false);
    expect(awaitingStepUp('ADMIN_PHI_ACCESS', Date.now() + 2_000)).toBe(false);
  });
});
