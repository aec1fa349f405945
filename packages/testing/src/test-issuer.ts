import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestTokenClaims {
  sub: string;
  roles?: string[];
  sid?: string;
  typ?: 'user' | 'service';
  scope?: string;
  emailVerified?: boolean;
  /** Seconds from now; negative gives an already expired token. */
  expiresIn?: number;
  issuer?: string;
  audience?: string;
}

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  token(claims: TestTokenClaims): Promise<string>;
  /** A token with the same claims signed by a key the JWKS does not publish. */
  forgedToken(claims: TestTokenClaims): Promise<string>;
  stop(): Promise<void>;
}

/** Plays identity's part for tests of a single subgraph: an ES256 key published at a local JWKS URL. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const issuer = 'holovitals-identity';
  const audience = 'holovitals';
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const forger = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = (claims: TestTokenClaims, key: CryptoKey): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      typ: claims.typ ?? 'user',
      roles: claims.roles ?? ['PATIENT'],
      sid: claims.sid,
      scope: claims.scope,
      ev: claims.emailVerified ?? true,
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setSubject(claims.sub)
      .setIssuer(claims.issuer ?? issuer)
      .setAudience(claims.audience ?? audience)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (claims.expiresIn ?? 900))
      .sign(key);
  };

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    token: (claims) => sign(claims, privateKey),
    forgedToken: (claims) => sign(claims, forger.privateKey),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
