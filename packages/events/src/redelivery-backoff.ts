const MAX_BACKOFF_DOUBLINGS = 6;

/**
 * How long a failed message must sit idle in the pending list before it is claimed again: `retryAfterMs`
 * after the first delivery, doubling with each further delivery (capped at 64×), so a handler failing on a
 * downstream outage is not hammered.
 */
export function redeliveryDelayMs(retryAfterMs: number, deliveries: number): number {
  const doublings = Math.min(Math.max(deliveries - 1, 0), MAX_BACKOFF_DOUBLINGS);
  return retryAfterMs * 2 ** doublings;
}
