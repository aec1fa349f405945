import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import {
  AccessTokenError,
  bearerToken,
  createAccessTokenVerifier,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
} from './access-token';
import type { Principal } from './principal';
import { revocationState } from './revocation-cache';

export interface Authentication {
  /** Null for an anonymous caller (no Authorization header). */
  principal: Principal | null;
  accessToken: string | null;
}

export type RequestAuthenticator = (authorization: string | undefined) => Promise<Authentication>;

function unauthenticated(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
  });
}

async function principalFor(accessToken: string, verify: AccessTokenVerifier): Promise<Principal> {
  try {
    return await verify(accessToken);
  } catch (error) {
    if (error instanceof AccessTokenError) throw unauthenticated(error.message, error.reason);
    throw error;
  }
}

/**
 * The one request-authentication path of the gateway and every subgraph: bearer token, signature and
 * claims, then revocation. A bad, expired or revoked token ends the request with UNAUTHENTICATED
 * (HTTP 401); so does any token while the revocation cache is being rebuilt, since a revoked one could
 * not be told apart. No token means an anonymous caller, which resolvers may still serve.
 */
export function createRequestAuthenticator(
  options: AccessTokenVerifierOptions,
  redis: Redis,
): RequestAuthenticator {
  const verify = createAccessTokenVerifier(options);
  return async (authorization) => {
    let accessToken: string | null;
    try {
      accessToken = bearerToken(authorization);
    } catch (error) {
      if (error instanceof AccessTokenError) throw unauthenticated(error.message, error.reason);
      throw error;
    }
    if (!accessToken) return { principal: null, accessToken: null };
    const principal = await principalFor(accessToken, verify);
    switch (await revocationState(redis, principal)) {
      case 'active':
        return { principal, accessToken };
      case 'revoked':
        throw principal.kind === 'service'
          ? unauthenticated('This client was revoked.', 'client_revoked')
          : unauthenticated('This session was signed out. Sign in again.', 'session_revoked');
      case 'unknown':
        throw unauthenticated(
          'Sign-in state is being restored. Try again in a few seconds.',
          'revocation_unknown',
        );
    }
  };
}
