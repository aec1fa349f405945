import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';

const KEY_PREFIX = 'hv:gateway:rate:';
/** How long points spent here may wait before Redis (and so every other replica) counts them. */
const SYNC_INTERVAL_MS = 100;

// Adds this replica's points to the shared count, starts the window on the first point, and answers the
// count every replica has spent so far and how long the window still runs.
const SPEND_SCRIPT = `
local spent = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {spent, ttl}`;

interface Budget {
  /** Points every replica had spent when Redis last answered, this replica's synced ones included. */
  spent: number;
  /** Spent here since, not yet in Redis. */
  unsynced: number;
  windowEndsAt: number;
}

function rateLimited(retryAfterMs: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Too many requests. Try again in ${retryAfter} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
    },
  });
}

/**
 * Per-principal request budget (fixed window) shared by every gateway replica through Redis. A window's
 * first request waits for Redis; later ones are counted here and sent in one pipeline every
 * SYNC_INTERVAL_MS, so a request costs no Redis round trip. One replica never exceeds the budget; with
 * several, the overshoot is at most what the others admit in one sync interval.
 */
export class PrincipalRateLimiter {
  private readonly budgets = new Map<string, Budget>();
  private readonly opening = new Map<string, Promise<Budget>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly points: number,
    windowSeconds: number,
  ) {
    this.windowMs = windowSeconds * 1000;
  }

  /** Spends one point of `key`'s budget; over budget ends the request with 429 and Retry-After. */
  async consume(key: string): Promise<void> {
    const now = Date.now();
    const budget = this.budgets.get(key);
    if (budget && budget.windowEndsAt > now) {
      if (budget.spent + budget.unsynced >= this.points) throw rateLimited(budget.windowEndsAt - now);
      budget.unsynced += 1;
      this.scheduleSync();
      return;
    }
    let opening = this.opening.get(key);
    if (opening) {
      await opening;
      return this.consume(key);
    }
    opening = this.spend(key, 1).finally(() => this.opening.delete(key));
    this.opening.set(key, opening);
    const opened = await opening;
    this.budgets.set(key, opened);
    if (opened.spent > this.points) throw rateLimited(opened.windowEndsAt - Date.now());
  }

  private async spend(key: string, points: number): Promise<Budget> {
    const [spent, ttl] = (await this.redis.eval(
      SPEND_SCRIPT,
      1,
      `${KEY_PREFIX}${key}`,
      points,
      this.windowMs,
    )) as [number, number];
    return { spent, unsynced: 0, windowEndsAt: Date.now() + ttl };
  }

  private scheduleSync(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  /** Sends every key's unsynced points at once and learns what the other replicas spent meanwhile. */
  private async sync(): Promise<void> {
    const now = Date.now();
    const due: [string, Budget, number][] = [];
    for (const [key, budget] of this.budgets) {
      if (budget.windowEndsAt <= now) this.budgets.delete(key);
      else if (budget.unsynced > 0) due.push([key, budget, budget.unsynced]);
    }
    if (due.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [key, , points] of due)
      pipeline.eval(SPEND_SCRIPT, 1, `${KEY_PREFIX}${key}`, points, this.windowMs);
    const results = await pipeline.exec().catch(() => null);
    due.forEach(([, budget, points], index) => {
      const [error, value] = results?.[index] ?? [new Error('no reply'), null];
      if (error) {
        // Kept for the next sync: the points were spent here whether or not Redis heard of them.
        this.scheduleSync();
        return;
      }
      const [spent, ttl] = value as [number, number];
      budget.unsynced -= points;
      budget.spent = spent;
      budget.windowEndsAt = Date.now() + ttl;
    });
  }
}
