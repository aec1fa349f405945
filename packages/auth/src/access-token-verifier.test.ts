import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenError, createAccessTokenVerifier } from './access-token';

const published: JWK[] = [];
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ keys: published }));
});
let jwksUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createAccessTokenVerifier', () => {
  it('refuses a remembered token once its signing key has left the JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    published.push({ ...(await exportJWK(publicKey)), kid: 'retiring', alg: 'ES256', use: 'sig' });
    const token = await new SignJWT({ roles: ['PATIENT'], sid: 's1' })
      .setProtectedHeader({ alg: 'ES256', kid: 'retiring' })
      .setSubject('u1')
      .setIssuer('iss')
      .setAudience('aud')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);
    const verify = createAccessTokenVerifier({
      jwksUrl,
      issuer: 'iss',
      audience: 'aud',
      keysMaxAgeSeconds: 1,
    });

    expect((await verify(token)).id).toBe('u1');
    published.length = 0;
    // Within the JWKS max age the remembered result still stands ...
    expect((await verify(token)).id).toBe('u1');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    // ... after it, the token is checked against the current JWKS, which no longer has its key.
    await expect(verify(token)).rejects.toBeInstanceOf(AccessTokenError);
  });
});
