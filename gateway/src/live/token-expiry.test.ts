import { describe, expect, it } from 'vitest';
import { msUntilExpiry } from './token-expiry';

const token = (claims: object): string =>
  ['{"alg":"ES256"}', JSON.stringify(claims), 'signature']
    .map((part, index) => (index < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.');

describe('token expiry', () => {
  it('is the time left before exp, never negative, and null without exp', () => {
    expect(msUntilExpiry(token({ exp: 100 }), 40_000)).toBe(60_000);
    expect(msUntilExpiry(token({ exp: 100 }), 200_000)).toBe(0);
    expect(msUntilExpiry(token({ sub: 'u' }))).toBeNull();
  });
});
