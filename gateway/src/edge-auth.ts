import {
  AccessTokenError,
  bearerToken,
  revokedSessionKey,
  type AccessTokenVerifier,
  type Principal,
} from '@holovitals/auth';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';

function unauthenticated(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
  });
}

/**
 * Authenticates at the edge, before any planning: a bad, expired or revoked token ends the request with
 * UNAUTHENTICATED (HTTP 401). No token means an anonymous caller, which subgraphs may still serve
 * (sign-up, sign-in, public terminology).
 */
export async function authenticate(
  authorization: string | undefined,
  verify: AccessTokenVerifier,
  redis: Redis,
): Promise<{ principal: Principal | null; accessToken: string | null }> {
  let accessToken: string | null;
  let principal: Principal;
  try {
    accessToken = bearerToken(authorization);
    if (!accessToken) return { principal: null, accessToken: null };
    principal = await verify(accessToken);
  } catch (error) {
    if (error instanceof AccessTokenError) throw unauthenticated(error.message, error.reason);
    throw error;
  }
  if (principal.sessionId && (await redis.exists(revokedSessionKey(principal.sessionId)))) {
    throw unauthenticated('This session was signed out. Sign in again.', 'session_revoked');
  }
  return { principal, accessToken };
}
