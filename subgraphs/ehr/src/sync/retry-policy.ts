/** Statuses worth another try: throttled, or the server failing for now. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

/**
 * How long to wait before try `attempt + 1`: the server's Retry-After (seconds or an HTTP date) when it sent one,
 * capped; else exponential backoff from `baseMs` with full jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  settings: { baseMs: number; maxMs: number },
  now: number = Date.now(),
  random: () => number = Math.random,
): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(Math.max(0, ms), settings.maxMs);
  }
  return Math.min(settings.maxMs, Math.round(settings.baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2)));
}
