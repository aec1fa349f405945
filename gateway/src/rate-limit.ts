import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Per-principal request budget shared by every gateway replica through Redis. */
export class PrincipalRateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis, points: number, windowSeconds: number) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'hv:gateway:rate',
      points,
      duration: windowSeconds,
    });
  }

  /** Spends one point of `key`'s budget; over budget ends the request with 429 and Retry-After. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new GraphQLError(`Too many requests. Try again in ${retryAfter} s.`, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds: retryAfter,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
        },
      });
    }
  }
}
