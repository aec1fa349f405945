import { describe, expect, it } from 'vitest';
import { sessionIdOf } from './access-token-claims';

function tokenWith(claims: object): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'ES256' })}.${encode(claims)}.signature`;
}

describe('sessionIdOf', () => {
  it('reads the sid claim of a JWT', () => {
    expect(sessionIdOf(tokenWith({ sub: 'u1', sid: 'session-42' }))).toBe('session-42');
  });

  it('returns null for a token without sid, a malformed token or no token', () => {
    expect(sessionIdOf(tokenWith({ sub: 'u1' }))).toBeNull();
    expect(sessionIdOf('not-a-jwt')).toBeNull();
    expect(sessionIdOf('a.%%%.c')).toBeNull();
    expect(sessionIdOf(null)).toBeNull();
  });
});
