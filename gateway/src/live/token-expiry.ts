import { decodeJwt } from 'jose';

/** setTimeout's longest delay; a later expiry is re-armed by the periodic re-check instead. */
const MAX_TIMER_MS = 2_147_483_647;

/** When a verified access token expires (epoch ms), or null when it carries no `exp`. */
export function tokenExpiresAt(accessToken: string): number | null {
  const { exp } = decodeJwt(accessToken);
  return typeof exp === 'number' ? exp * 1000 : null;
}

/**
 * Milliseconds until a verified access token expires (0 when it has), so its socket can be closed at that
 * moment rather than at the next periodic check; null when the token carries no `exp`.
 */
export function msUntilExpiry(accessToken: string, now: number = Date.now()): number | null {
  const expiresAt = tokenExpiresAt(accessToken);
  if (expiresAt === null) return null;
  return Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - now));
}
