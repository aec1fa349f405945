import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCacheCounter, TerminologyCache } from './terminology-cache';

function failingRedis(): Redis {
  const fail = async (): Promise<never> => {
    throw new Error('connection refused');
  };
  return { mget: fail, pipeline: () => ({ set: () => undefined, exec: fail }) } as unknown as Redis;
}

describe('TerminologyCache', () => {
  it('answers a miss and counts an error when Redis fails, and never throws', async () => {
    const registry = new Registry();
    const warnings: string[] = [];
    const cache = new TerminologyCache(failingRedis(), 'test:', createCacheCounter(registry), {
      warn: (_details: unknown, message: string) => warnings.push(message),
    } as never);
    expect(await cache.get('search', 'k')).toBeNull();
    await cache.set('search', 'k', { a: 1 });
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
});
