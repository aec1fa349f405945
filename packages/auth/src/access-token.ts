import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { Role, type Principal } from './principal';

/** The one signing algorithm identity uses; anything else (including `none`) is rejected. */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';

/** Why a token was refused; the message is safe to show to the caller. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';

  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  typ: z.enum(['user', 'service']).default('user'),
  roles: z.array(z.enum(Role)).default([]),
  sid: z.string().optional(),
  scope: z.string().optional(),
  ev: z.boolean().optional(),
});

export function principalFromClaims(payload: JWTPayload): Principal {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new AccessTokenError('Access token has invalid claims.', 'invalid_claims');
  const { sub, typ, roles, sid, scope, ev } = claims.data;
  return {
    id: sub,
    kind: typ,
    roles,
    sessionId: sid ?? null,
    scopes: scope ? scope.split(' ').filter(Boolean) : [],
    emailVerified: ev ?? false,
  };
}

export interface AccessTokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /**
   * How long a fetched JWKS, and a token verified against it, is trusted before the JWKS is read again.
   * A key that leaves identity's JWKS stops verifying tokens within twice this time.
   */
  keysMaxAgeSeconds?: number;
}

export type AccessTokenVerifier = (token: string) => Promise<Principal>;

/** Verified tokens remembered per process; a client sends the same token on every request for 15 minutes. */
const VERIFIED_CACHE_SIZE = 10_000;
const DEFAULT_KEYS_MAX_AGE_SECONDS = 60;

/**
 * Verifies identity's access tokens against its JWKS (fetched once, refetched on an unknown `kid`, so
 * key rotation needs no restart). Every failure is an AccessTokenError with a reason.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const keysMaxAgeMs = (options.keysMaxAgeSeconds ?? DEFAULT_KEYS_MAX_AGE_SECONDS) * 1000;
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: Math.min(30_000, keysMaxAgeMs),
    cacheMaxAge: keysMaxAgeMs,
  });
  // A token's signature and claims never change, but its key may leave the JWKS (retired, compromised):
  // a successful check holds until the token expires or the JWKS is due to be read again, whichever is
  // first. Revocation is checked apart from this (in Redis), so caching does not delay it.
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  return async (token) => {
    const cached = verified.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return cached.principal;
    if (cached) verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: options.issuer,
        audience: options.audience,
      });
      const principal = principalFromClaims(payload);
      if (payload.exp) {
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
        verified.set(token, {
          principal,
          expiresAtMs: Math.min(payload.exp * 1000, Date.now() + keysMaxAgeMs),
        });
      }
      return principal;
    } catch (error) {
      if (error instanceof AccessTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw new AccessTokenError('Access token expired.', 'expired');
      if (error instanceof joseErrors.JOSEError)
        throw new AccessTokenError('Access token is invalid.', error.code);
      throw error;
    }
  };
}

/** Reads `Authorization: Bearer <token>`; null when absent. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  if (!match?.[1])
    throw new AccessTokenError('Authorization header must be "Bearer <token>".', 'malformed_header');
  return match[1];
}
