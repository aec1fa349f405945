import { revokedSessionKey } from '@holovitals/auth';
import type { Redis } from 'ioredis';

/** Marks sessions revoked for as long as any of their access tokens could still be valid. */
export async function announceRevokedSessions(
  redis: Redis,
  sessionIds: string[],
  accessTokenTtlSeconds: number,
): Promise<void> {
  if (sessionIds.length === 0) return;
  const pipeline = redis.pipeline();
  for (const id of sessionIds) pipeline.set(revokedSessionKey(id), '1', 'EX', accessTokenTtlSeconds + 60);
  await pipeline.exec();
}
