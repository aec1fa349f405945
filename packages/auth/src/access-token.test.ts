import { describe, expect, it } from 'vitest';
import { AccessTokenError, bearerToken, principalFromClaims } from './access-token';
import { Role } from './principal';

describe('principalFromClaims', () => {
  it('maps user claims to a principal', () => {
    expect(principalFromClaims({ sub: 'u1', roles: ['PATIENT'], sid: 's1', ev: true })).toEqual({
      id: 'u1',
      kind: 'user',
      roles: [Role.PATIENT],
      sessionId: 's1',
      scopes: [],
      emailVerified: true,
    });
  });

  it('maps service claims with scopes', () => {
    const principal = principalFromClaims({
      sub: 'c1',
      typ: 'service',
      roles: ['PARTNER'],
      scope: 'a.read b.read',
    });
    expect(principal).toMatchObject({
      kind: 'service',
      sessionId: null,
      scopes: ['a.read', 'b.read'],
      emailVerified: false,
    });
  });

  it('rejects unknown roles and a missing subject', () => {
    expect(() => principalFromClaims({ sub: 'u1', roles: ['ROOT'] })).toThrow(AccessTokenError);
    expect(() => principalFromClaims({ roles: ['PATIENT'] })).toThrow(AccessTokenError);
  });
});

describe('bearerToken', () => {
  it('reads a bearer token and treats a missing header as anonymous', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken(undefined)).toBeNull();
  });

  it('rejects other schemes', () => {
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(/Bearer/);
    expect(() => bearerToken('Bearer a b')).toThrow(AccessTokenError);
  });
});
