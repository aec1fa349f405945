import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const DAY_MS = 86_400_000;

/**
 * Counts failed sign-ins for emails that have no account and "locks" them after as many failures as a
 * real account, so `account_locked` says nothing about whether an account exists. Lives in Redis with
 * a TTL (unknown emails have no row, and must not grow one per guess).
 */
const RECORD_FAILURE = `
local failures = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if failures >= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
end
return failures`;

export class UnknownAccountLockout {
  constructor(
    private readonly redis: Redis,
    private readonly maxFailures: number,
    private readonly lockoutMinutes: number,
  ) {}

  private keys(email: string): [string, string] {
    const id = createHash('sha256').update(email).digest('hex');
    return [`hv:identity:unknown-login:failures:${id}`, `hv:identity:unknown-login:locked:${id}`];
  }

  async lockedUntil(email: string): Promise<Date | null> {
    const until = await this.redis.get(this.keys(email)[1]);
    return until ? new Date(until) : null;
  }

  async recordFailure(email: string): Promise<void> {
    const lockoutMs = this.lockoutMinutes * 60_000;
    await this.redis.eval(
      RECORD_FAILURE,
      2,
      ...this.keys(email),
      this.maxFailures,
      new Date(Date.now() + lockoutMs).toISOString(),
      DAY_MS,
      lockoutMs,
    );
  }
}
