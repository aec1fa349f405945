import type { Redis } from 'ioredis';
import { IdentityError, IdentityErrorCode } from '../identity-error';

/**
 * Caps login attempts per email and per client address within a minute, in Redis so every replica
 * shares the count. Account lockout after repeated failures is separate and lives on the user row.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly attemptsPerMinute: number,
  ) {}

  async admit(email: string, clientIp: string | null): Promise<void> {
    const keys = [`hv:identity:login:email:${email}`, `hv:identity:login:ip:${clientIp ?? 'unknown'}`];
    const pipeline = this.redis.multi();
    for (const key of keys) pipeline.incr(key).expire(key, 60, 'NX');
    const results = (await pipeline.exec()) ?? [];
    const emailCount = Number(results[0]?.[1] ?? 0);
    const ipCount = Number(results[2]?.[1] ?? 0);
    // One address may serve many people (NAT), so it gets a larger allowance than one email.
    if (emailCount > this.attemptsPerMinute || ipCount > this.attemptsPerMinute * 5) {
      throw new IdentityError(
        IdentityErrorCode.SIGN_IN_THROTTLED,
        'Too many sign-in attempts. Wait a minute and try again.',
        { retryAfterSeconds: 60 },
      );
    }
  }
}
