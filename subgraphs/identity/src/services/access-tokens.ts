import { ACCESS_TOKEN_ALGORITHM, type Role } from '@holovitals/subgraph-kit';
import { SignJWT } from 'jose';
import type { SigningKeys } from './signing-keys';

export interface TokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

interface AccessClaims {
  subject: string;
  typ: 'user' | 'service';
  roles: Role[];
  sid?: string;
  scope?: string;
  ev?: boolean;
}

/** Signs short-lived access tokens with the current key; its `kid` lets verifiers pick it from the JWKS. */
export async function issueAccessToken(
  keys: SigningKeys,
  settings: TokenSettings,
  claims: AccessClaims,
): Promise<IssuedToken> {
  const { kid, privateKey } = await keys.current();
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + settings.ttlSeconds;
  const token = await new SignJWT({
    typ: claims.typ,
    roles: claims.roles,
    sid: claims.sid,
    scope: claims.scope,
    ev: claims.ev,
  })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid })
    .setSubject(claims.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
