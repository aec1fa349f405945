import type { RequestContext } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';

type Redis = RequestContext['redis'];

/** How many bundle imports one user may run at once, and how long a slot lives if its holder never frees it. */
export interface ImportSlotLimits {
  maxConcurrentPerUser: number;
  slotTtlMs: number;
}

/** A held slot; `release` frees it (safe to call more than once). */
export interface ImportSlot {
  release(): Promise<void>;
}

// Slots live in Redis rather than in this process because every replica serves the same users: a per-process
// counter would let a user run N imports on each replica. A sorted set scored by expiry lets a slot whose
// replica died mid-import lapse on its own. The script runs atomically, and it reads Redis' clock, so replicas
// with skewed clocks agree on what has expired.
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export function importSlotKey(userId: string): string {
  return `patient:import-slots:${userId}`;
}

/** Takes one of the user's import slots, or returns null when all are in use. */
export async function acquireImportSlot(
  redis: Redis,
  userId: string,
  limits: ImportSlotLimits,
): Promise<ImportSlot | null> {
  const key = importSlotKey(userId);
  const token = randomUUID();
  const granted = await redis.eval(ACQUIRE, 1, key, limits.maxConcurrentPerUser, limits.slotTtlMs, token);
  if (granted !== 1) return null;
  return {
    release: async () => {
      await redis.zrem(key, token);
    },
  };
}
