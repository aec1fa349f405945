import { revokedServiceClientKey, revokedSessionKey } from '@holovitals/auth';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface Revocations {
  sessionIds?: string[];
  serviceClientIds?: string[];
}

/** A marker outlives every access token issued before the revocation, plus a minute of clock skew. */
export const markerLifetimeMs = (accessTokenTtlSeconds: number): number =>
  accessTokenTtlSeconds * 1000 + 60_000;

/**
 * Tells the gateway and subgraphs at once about revocations already committed to the database.
 * A failed write is logged, not thrown: the database holds the truth and the revocation cache keeper
 * copies it into Redis on its next pass.
 */
export async function announceRevocations(
  redis: Redis,
  logger: Logger,
  revocations: Revocations,
  accessTokenTtlSeconds: number,
): Promise<void> {
  const keys = [
    ...(revocations.sessionIds ?? []).map(revokedSessionKey),
    ...(revocations.serviceClientIds ?? []).map(revokedServiceClientKey),
  ];
  if (keys.length === 0) return;
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.set(key, '1', 'PX', markerLifetimeMs(accessTokenTtlSeconds));
  try {
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  } catch (error) {
    logger.warn({ err: error, keys: keys.length }, 'revocation not yet in Redis; the keeper will copy it');
  }
}
