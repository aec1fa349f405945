import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '@holovitals/subgraph-kit';
import { Counter, type Registry } from 'prom-client';

export const CACHE_TTL_SECONDS = 24 * 60 * 60;

/** Counts hits and misses per cache so /metrics shows the hit rate. */
export function createCacheCounter(registry: Registry): Counter<'cache' | 'outcome'> {
  return new Counter({
    name: 'standards_cache_requests_total',
    help: 'Standards Redis cache lookups, by cache (concept, search, lab_code, lab_name, standardization) and outcome (hit, miss, error).',
    labelNames: ['cache', 'outcome'],
    registers: [registry],
  });
}

/** A stable short key for arbitrary input (search text, lab result). */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

/**
 * JSON values in Redis under one prefix with a 24 h TTL. Only successful results are ever written. The cache is an
 * optimisation: when Redis fails, a read counts as outcome "error" and returns a miss, a write is skipped, and the
 * request is answered from the database.
 */
export class TerminologyCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly counter: Counter<'cache' | 'outcome'>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  async get<T>(cache: string, key: string): Promise<T | null> {
    return (await this.getMany<T>(cache, [key])).get(key) ?? null;
  }

  async getMany<T>(cache: string, keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (keys.length === 0) return found;
    let raws: (string | null)[];
    try {
      raws = await this.redis.mget(keys.map((key) => `${this.prefix}${cache}:${key}`));
    } catch (error) {
      this.counter.inc({ cache, outcome: 'error' }, keys.length);
      this.logger.warn({ err: error, cache }, 'standards cache read failed; answering without it');
      return found;
    }
    raws.forEach((raw, index) => {
      if (raw !== null) found.set(keys[index]!, JSON.parse(raw) as T);
    });
    this.counter.inc({ cache, outcome: 'hit' }, found.size);
    this.counter.inc({ cache, outcome: 'miss' }, keys.length - found.size);
    return found;
  }

  async set(cache: string, key: string, value: unknown): Promise<void> {
    await this.setMany(cache, new Map([[key, value]]));
  }

  async setMany(cache: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
    if (entries.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [key, value] of entries) {
      pipeline.set(`${this.prefix}${cache}:${key}`, JSON.stringify(value), 'EX', CACHE_TTL_SECONDS);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.logger.warn({ err: error, cache }, 'standards cache write failed');
    }
  }
}
