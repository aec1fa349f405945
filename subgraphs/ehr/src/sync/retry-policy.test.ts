import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryDelayMs } from './retry-policy';

const settings = { baseMs: 100, maxMs: 5000 };

describe('sync retry policy', () => {
  it('retries throttling and server errors, not client errors', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404].some(isRetryableStatus)).toBe(false);
  });

  it('honours Retry-After in seconds or as a date, capped', () => {
    expect(retryDelayMs(1, '2', settings)).toBe(2000);
    expect(retryDelayMs(1, '120', settings)).toBe(5000);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryDelayMs(1, 'Tue, 01 Dec 2026 10:00:03 GMT', settings, now)).toBe(3000);
  });

  it('backs off exponentially with jitter when the server names no delay', () => {
    expect(retryDelayMs(1, null, settings, 0, () => 1)).toBe(100);
    expect(retryDelayMs(3, null, settings, 0, () => 1)).toBe(400);
    expect(retryDelayMs(3, null, settings, 0, () => 0)).toBe(200);
    expect(retryDelayMs(10, null, settings, 0, () => 1)).toBe(5000);
  });
});
