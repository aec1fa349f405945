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

/**
 * The states of many principals in one round trip (the sentinel once, then each marker), in their order: what a
 * process holding many long-lived connections re-checks on one timer instead of one read per connection.
 */
export async function revocationStates(
  redis: { mget(...keys: string[]): Promise<Array<string | null>> },
  principals: readonly Principal[],
): Promise<RevocationState[]> {
  const keys = principals.map(markerKey);
  const [ready, ...markers] = await redis.mget(
    REVOCATION_READY_KEY,
    ...keys.filter((key): key is string => key !== null),
  );
  if (ready === null || ready === undefined) return principals.map(() => 'unknown');
  let next = 0;
  return keys.map((key) => {
    if (key === null) return 'active';
    const marker = markers[next];
    next += 1;
    return marker === null || marker === undefined ? 'active' : 'revoked';
  });
}
