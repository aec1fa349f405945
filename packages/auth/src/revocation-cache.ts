import type { Redis } from 'ioredis';
import type { Principal } from './principal';

/**
 * Revocation lives in identity's database; Redis holds a cache of it that identity writes and rebuilds.
 * Markers last as long as an access token may (they expire with the tokens they refuse).
 */
export const revokedSessionKey = (sessionId: string): string => `hv:revoked-session:${sessionId}`;

/** Marker for a revoked partner client: its `sub` is the service client id. */
export const revokedServiceClientKey = (clientId: string): string => `hv:revoked-client:${clientId}`;

/**
 * Set by identity once every revocation of the last access-token lifetime is in Redis; its value is
 * the epoch (ms) of that rebuild. Missing means Redis lost its data (restart, flush): readers cannot
 * tell a revoked token from a live one and refuse all until identity has rebuilt the cache.
 */
export const REVOCATION_READY_KEY = 'hv:revocation:ready';

export type RevocationState = 'active' | 'revoked' | 'unknown';

function markerKey(principal: Principal): string | null {
  if (principal.kind === 'service') return revokedServiceClientKey(principal.id);
  return principal.sessionId ? revokedSessionKey(principal.sessionId) : null;
}

/** Reads the readiness sentinel and the principal's marker in one round trip. */
export async function revocationState(redis: Redis, principal: Principal): Promise<RevocationState> {
  const key = markerKey(principal);
  const [ready, marker] = await redis.mget(REVOCATION_READY_KEY, ...(key ? [key] : []));
  if (ready === null || ready === undefined) return 'unknown';
  return marker === null || marker === undefined ? 'active' : 'revoked';
}
