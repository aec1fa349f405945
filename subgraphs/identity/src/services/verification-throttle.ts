import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { IdentityError, IdentityErrorCode } from '../identity-error';

const HOUR_SECONDS = 3600;

/**
 * Caps verification emails per address and per client address each hour, checked before anything is
 * looked up or sent, so the mutation can neither flood an inbox nor probe which addresses exist (the
 * limit applies alike to known and unknown addresses).
 */
export class VerificationThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly perEmailPerHour: number,
  ) {}

  async admit(email: string, clientIp: string | null): Promise<void> {
    const emailKey = `hv:identity:resend:email:${createHash('sha256').update(email).digest('hex')}`;
    const ipKey = `hv:identity:resend:ip:${clientIp ?? 'unknown'}`;
    const pipeline = this.redis.multi();
    for (const key of [emailKey, ipKey]) pipeline.incr(key).expire(key, HOUR_SECONDS, 'NX');
    const results = (await pipeline.exec()) ?? [];
    const emailCount = Number(results[0]?.[1] ?? 0);
    const ipCount = Number(results[2]?.[1] ?? 0);
    if (emailCount > this.perEmailPerHour || ipCount > this.perEmailPerHour * 5) {
      throw new IdentityError(
        IdentityErrorCode.VERIFICATION_THROTTLED,
        'Too many confirmation emails requested. Try again later.',
        { retryAfterSeconds: HOUR_SECONDS },
      );
    }
  }
}
