import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalRateLimiter } from '../src/rate-limit';
import { startPrivateRedis, type PrivateRedis } from './private-redis';

let redis: PrivateRedis;
let clients: Redis[] = [];
beforeAll(async () => {
  redis = await startPrivateRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis.stop();
});

function limiter(points: number): PrincipalRateLimiter {
  const client = new Redis(redis.url);
  clients = [...clients, client];
  return new PrincipalRateLimiter(client, points, 60);
}

async function admitted(rateLimiter: PrincipalRateLimiter, key: string, requests: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < requests; i += 1) {
    try {
      await rateLimiter.consume(key);
      count += 1;
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== 'RATE_LIMITED') throw error;
    }
  }
  return count;
}

const afterSync = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

describe('PrincipalRateLimiter', () => {
  it('admits exactly the budget on one replica and refuses the rest with a retry time', async () => {
    const rateLimiter = limiter(10);
    const key = `principal:${randomUUID()}`;
    expect(await admitted(rateLimiter, key, 15)).toBe(10);
    const refusal = await rateLimiter.consume(key).catch((error: unknown) => error as GraphQLError);
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect((refusal as GraphQLError).extensions.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('shares one budget between replicas through Redis', async () => {
    const [first, second] = [limiter(10), limiter(10)];
    const key = `principal:${randomUUID()}`;
    expect(await admitted(first, key, 6)).toBe(6);
    await afterSync();
    expect(await admitted(second, key, 10)).toBe(4);
    await afterSync();
    // The first replica last heard from Redis before the second spent: it may admit what one sync
    // interval allows (here one request), and learns the shared count with that sync.
    await admitted(first, key, 1);
    await afterSync();
    expect(await admitted(first, key, 5)).toBe(0);
  });

  it('writes the points spent to Redis within a sync interval', async () => {
    const rateLimiter = limiter(100);
    const key = `principal:${randomUUID()}`;
    await admitted(rateLimiter, key, 7);
    await afterSync();
    const reader = new Redis(redis.url);
    clients = [...clients, reader];
    expect(Number(await reader.get(`hv:gateway:rate:${key}`))).toBe(7);
    expect(await reader.pttl(`hv:gateway:rate:${key}`)).toBeGreaterThan(50_000);
  });

  it('keeps budgets of different principals apart', async () => {
    const rateLimiter = limiter(3);
    expect(await admitted(rateLimiter, `principal:${randomUUID()}`, 5)).toBe(3);
    expect(await admitted(rateLimiter, `principal:${randomUUID()}`, 5)).toBe(3);
  });
});
