import type { Redis } from 'ioredis';

/*
 * A counting semaphore per provider in Redis, shared by every worker process: a sorted set of run ids scored by
 * lease expiry (Redis' own clock, so workers' clocks never disagree). Expired leases are swept before each
 * decision, so a worker that died mid-run frees its slot when its lease runs out.
 */
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
  return 1
end
return 0`;

const RENEW = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry or tonumber(expiry) <= nowMs then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 0
end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

export interface ProviderSyncSlotSettings {
  /** Key prefix (the queue prefix), so stacks sharing a Redis do not share slots. */
  prefix: string;
  /** Syncs of one provider that may run at once across all workers. */
  limit: number;
  /** How long a slot is held without renewal; a dead worker's slot frees after this. */
  leaseMs: number;
}

/** The lease was lost (not renewed in time, e.g. a stalled process): the run must stop. */
export class ProviderSlotLostError extends Error {
  override readonly name = 'ProviderSlotLostError';
}

/** At most `limit` concurrent syncs per provider, across worker processes, with leases that expire. */
export class ProviderSyncSlots {
  constructor(
    private readonly redis: Redis,
    private readonly settings: ProviderSyncSlotSettings,
  ) {}

  private key(providerId: string): string {
    return `${this.settings.prefix}:ehr:provider-sync-slots:${providerId}`;
  }

  /** Takes a slot for `runId` (true), or says the provider is at its limit (false). A run holding one keeps it. */
  async acquire(providerId: string, runId: string): Promise<boolean> {
    const taken = await this.redis.eval(
      ACQUIRE,
      1,
      this.key(providerId),
      runId,
      this.settings.limit,
      this.settings.leaseMs,
    );
    return taken === 1;
  }

  /** Extends the lease; false when it had already expired (the slot may be someone else's now). */
  async renew(providerId: string, runId: string): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(providerId), runId, this.settings.leaseMs)) === 1;
  }

  async release(providerId: string, runId: string): Promise<void> {
    await this.redis.zrem(this.key(providerId), runId);
  }

  /** Runs currently holding a slot of the provider (expired leases excluded). */
  async holders(providerId: string): Promise<string[]> {
    const [seconds = '0', micros = '0'] = await this.redis.time();
    const nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return this.redis.zrangebyscore(this.key(providerId), `(${nowMs}`, '+inf');
  }

  /**
   * Runs `work` while holding `runId`'s slot (taken with `acquire`), renewing the lease a third of the way through each lease period. A
   * renewal that fails aborts the signal `work` gets, so a run never goes on past a lost slot. Releases the slot.
   */
  async hold<T>(
    providerId: string,
    runId: string,
    signal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const lost = new AbortController();
    const renewal = setInterval(
      () => {
        // A Redis hiccup is not a lost slot: the next renewal tries again while the lease still runs.
        this.renew(providerId, runId).then(
          (kept) => {
            if (!kept)
              lost.abort(new ProviderSlotLostError('The provider sync slot expired before the run ended.'));
          },
          () => undefined,
        );
      },
      Math.max(1, Math.floor(this.settings.leaseMs / 3)),
    );
    try {
      return await work(signal ? AbortSignal.any([signal, lost.signal]) : lost.signal);
    } finally {
      clearInterval(renewal);
      await this.release(providerId, runId);
    }
  }
}
