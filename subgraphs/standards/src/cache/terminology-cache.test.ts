import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCacheCounter, invalidateTerminologyCache, TerminologyCache } from './terminology-cache';

const silent = { warn: (): void => undefined };

function failingRedis(): Redis {
  const fail = async (): Promise<never> => {
    throw new Error('connection refused');
  };
  return { mget: fail, pipeline: () => ({ set: () => undefined, exec: fail }) } as unknown as Redis;
}

/** Just the Redis commands the cache uses, over a Map. */
function memoryRedis(): { redis: Redis; store: Map<string, string> } {
  const store = new Map<string, string>();
  const redis = {
    mget: async (...keys: string[]): Promise<(string | null)[]> => keys.map((key) => store.get(key) ?? null),
    incr: async (key: string): Promise<number> => {
      const next = Number(store.get(key) ?? '0') + 1;
      store.set(key, String(next));
      return next;
    },
    pipeline: () => {
      const writes: [string, string][] = [];
      const pipeline = {
        set: (key: string, value: string) => {
          writes.push([key, value]);
          return pipeline;
        },
        exec: async () => {
          for (const [key, value] of writes) store.set(key, value);
          return [];
        },
      };
      return pipeline;
    },
  };
  return { redis: redis as unknown as Redis, store };
}

function cacheOver(redis: Redis, vocabularyVersion = 'vocab-a'): TerminologyCache {
  return new TerminologyCache(redis, 'test:', createCacheCounter(new Registry()), silent, vocabularyVersion);
}

describe('TerminologyCache', () => {
  it('answers a miss and counts an error when Redis fails, and never throws', async () => {
    const registry = new Registry();
    const warnings: string[] = [];
    const cache = new TerminologyCache(
      failingRedis(),
      'test:',
      createCacheCounter(registry),
      { warn: (_details: unknown, message: string) => warnings.push(message) } as never,
      'vocab-a',
    );
    expect(await cache.get('search', 'k')).toEqual({ value: null, generation: null });
    await cache.set('search', 'k', { a: 1 }, '0');
    const metrics = await registry.getMetricsAsJSON();
    const values = metrics.find((metric) => metric.name === 'standards_cache_requests_total')?.values ?? [];
    expect(values).toContainEqual(
      expect.objectContaining({ labels: { cache: 'search', outcome: 'error' }, value: 1 }),
    );
    expect(warnings).toEqual([
      'standards cache read failed; answering without it',
      'standards cache write failed',
    ]);
  });

  it('reads back what it wrote until a terminology import starts a new generation', async () => {
    const { redis } = memoryRedis();
    const cache = cacheOver(redis);
    const miss = await cache.get('concept', 'LOINC|2339-0');
    expect(miss).toEqual({ value: null, generation: '0' });
    await cache.set('concept', 'LOINC|2339-0', { display: 'Glucose' }, miss.generation);
    expect((await cache.get('concept', 'LOINC|2339-0')).value).toEqual({ display: 'Glucose' });

    expect(await invalidateTerminologyCache(redis, 'test:')).toBe(1);
    expect(await cache.get('concept', 'LOINC|2339-0')).toEqual({ value: null, generation: '1' });
  });

  it('does not serve a value read from the database before an import but written after it', async () => {
    const { redis } = memoryRedis();
    const cache = cacheOver(redis);
    const before = await cache.get('search', 'glucose');
    await invalidateTerminologyCache(redis, 'test:');
    await cache.set('search', 'glucose', ['pre-import rows'], before.generation);
    expect((await cache.get('search', 'glucose')).value).toBeNull();
  });

  it('ignores entries written for another vocabulary or by older code', async () => {
    const { redis, store } = memoryRedis();
    await cacheOver(redis, 'vocab-a').set('lab_code', '2339-0', { code: '2339-0' }, '0');
    expect((await cacheOver(redis, 'vocab-b').get('lab_code', '2339-0')).value).toBeNull();
    expect((await cacheOver(redis, 'vocab-a').get('lab_code', '2339-0')).value).toEqual({ code: '2339-0' });
    store.set('test:lab_code:718-7', JSON.stringify({ code: '718-7' }));
    expect((await cacheOver(redis, 'vocab-a').get('lab_code', '718-7')).value).toBeNull();
  });
});
