import type { Redis } from 'ioredis';

/**
 * Takes a slot when fewer than the cap are live: expired leases (their replica stopped renewing) are dropped first,
 * all in one script, so two replicas taking the user's last slot at once cannot both get it.
 * KEYS[1] the user's set; ARGV: now, lease ms, cap, member.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/**
 * Extends live leases only (XX): a slot released meanwhile is not brought back.
 * KEYS[1] the user's set; ARGV: new expiry, lease ms, members.
 */
const RENEW = `
for i = 3, #ARGV do redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
`;

export interface UserSlotLeaseOptions {
  perUser: number;
  /** How long a slot outlives its replica's last renewal; renewed every third of it. */
  leaseMs: number;
  keyPrefix?: string;
}

/**
 * Each user's open subscriptions across every gateway replica: a Redis sorted set per user whose members are slots
 * (replica and slot id) scored by lease expiry. A replica renews the leases of the slots it holds; when it dies
 * without releasing them they expire and stop counting after `leaseMs`. Expiries are the replicas' clocks, so
 * the lease must be long against their skew.
 */
export class UserSlotLeases {
  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: UserSlotLeaseOptions,
  ) {
    this.keyPrefix = options.keyPrefix ?? 'hv:live:slots:';
  }

  /** Takes one of the user's slots; false when all `perUser` are taken. */
  async acquire(userId: string, slotId: string, now: number = Date.now()): Promise<boolean> {
    const taken = await this.redis.eval(
      ACQUIRE,
      1,
      this.key(userId),
      now,
      this.options.leaseMs,
      this.options.perUser,
      slotId,
    );
    return taken === 1;
  }

  async release(userId: string, slotId: string): Promise<void> {
    await this.redis.zrem(this.key(userId), slotId);
  }

  /** Extends the leases of the slots this replica holds, per user. */
  async renew(held: ReadonlyMap<string, readonly string[]>, now: number = Date.now()): Promise<void> {
    const expiry = now + this.options.leaseMs;
    const pipeline = this.redis.pipeline();
    for (const [userId, slotIds] of held)
      if (slotIds.length > 0)
        pipeline.eval(RENEW, 1, this.key(userId), expiry, this.options.leaseMs, ...slotIds);
    await pipeline.exec();
  }

  /** Live slots of a user across replicas. */
  async count(userId: string, now: number = Date.now()): Promise<number> {
    return this.redis.zcount(this.key(userId), `(${now}`, '+inf');
  }

  private key(userId: string): string {
    return `${this.keyPrefix}${userId}`;
  }
}
