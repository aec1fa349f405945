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
 * Bump when the shape of a cached value changes (2: LOINC reference intervals and referenceRangeSource), so entries
 * written by older code are never read as current.
 */
const CACHE_FORMAT = 3;

/** Holds the cache generation under the prefix; every import of a terminology release increments it. */
const GENERATION_KEY = 'generation';

/**
 * Starts a new cache generation under `prefix`: from now on every entry written before reads as a miss (and expires
 * with its TTL). Called after each terminology import, so no lookup cached before it lives on for 24 h.
 * Returns the new generation.
 */
export async function invalidateTerminologyCache(redis: Redis, prefix: string): Promise<number> {
  return redis.incr(`${prefix}${GENERATION_KEY}`);
}

/**
 * What a read saw: the entries still current, and the generation to tag values computed after it with. null when
 * Redis could not be read; nothing is then written back.
 */
export interface CacheRead<T> {
  found: Map<string, T>;
  generation: string | null;
}

/**
 * JSON values in Redis under one prefix with a 24 h TTL. Only successful results are ever written. The cache is an
 * optimisation: when Redis fails, a read counts as outcome "error" and returns a miss, a write is skipped, and the
 * request is answered from the database.
 *
 * Every value is stored with a tag: the cache format, a digest of the vocabulary this process serves, and the
 * generation read (in the same MGET) before the caller went to the database. An entry whose tag is not the current
 * one is a miss. Tagging with the generation seen before the database read keeps a request that straddles an
 * import from caching pre-import data under the new generation.
 */
export class TerminologyCache {
  private readonly version: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly counter: Counter<'cache' | 'outcome'>,
    private readonly logger: Pick<Logger, 'warn'>,
    /** Changes whenever the vocabulary built into the process changes (e.g. a digest of the starter vocabulary). */
    vocabularyVersion: string,
  ) {
    this.version = `${CACHE_FORMAT}.${vocabularyVersion}`;
  }

  async get<T>(cache: string, key: string): Promise<{ value: T | null; generation: string | null }> {
    const { found, generation } = await this.getMany<T>(cache, [key]);
    return { value: found.get(key) ?? null, generation };
  }

  async getMany<T>(cache: string, keys: readonly string[]): Promise<CacheRead<T>> {
    const found = new Map<string, T>();
    let raws: (string | null)[];
    try {
      raws = await this.redis.mget(
        `${this.prefix}${GENERATION_KEY}`,
        ...keys.map((key) => `${this.prefix}${cache}:${key}`),
      );
    } catch (error) {
      this.counter.inc({ cache, outcome: 'error' }, keys.length);
      this.logger.warn({ err: error, cache }, 'standards cache read failed; answering without it');
      return { found, generation: null };
    }
    const generation = raws[0] ?? '0';
    const tag = this.tag(generation);
    for (let index = 0; index < keys.length; index += 1) {
      const raw = raws[index + 1];
      if (raw?.startsWith(tag)) found.set(keys[index]!, JSON.parse(raw.slice(tag.length)) as T);
    }
    this.counter.inc({ cache, outcome: 'hit' }, found.size);
    this.counter.inc({ cache, outcome: 'miss' }, keys.length - found.size);
    return { found, generation };
  }

  async set(cache: string, key: string, value: unknown, generation: string | null): Promise<void> {
    await this.setMany(cache, new Map([[key, value]]), generation);
  }

  /** `generation` is the one returned by the read that preceded the database lookup. */
  async setMany(
    cache: string,
    entries: ReadonlyMap<string, unknown>,
    generation: string | null,
  ): Promise<void> {
    if (entries.size === 0 || generation === null) return;
    const tag = this.tag(generation);
    const pipeline = this.redis.pipeline();
    for (const [key, value] of entries) {
      pipeline.set(
        `${this.prefix}${cache}:${key}`,
        `${tag}${JSON.stringify(value)}`,
        'EX',
        CACHE_TTL_SECONDS,
      );
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.logger.warn({ err: error, cache }, 'standards cache write failed');
    }
  }

  private tag(generation: string): string {
    return `${this.version}.${generation}|`;
  }
}
