import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';

export interface BenchIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** A user access token signed like identity's (ES256, sid, roles), valid for an hour. */
  token: string;
  sessionId: string;
  close(): Promise<void>;
}

/**
 * Plays identity's part for the benchmark: a fresh ES256 key, its JWKS served over HTTP, and one signed
 * token, so our gateway runs its real verification path (JWKS fetch, signature, claims, revocation).
 */
export async function startBenchIssuer(port: number): Promise<BenchIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
  const issuer = 'holovitals-identity';
  const audience = 'holovitals';
  const sessionId = 'bench-session';
  const token = await new SignJWT({ typ: 'user', roles: ['PATIENT'], sid: sessionId, ev: true })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
    .setSubject('bench-user')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    token,
    sessionId,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
