import { identitySubgraph } from '@holovitals/identity';
import {
  freePort,
  startTestIssuer,
  startTestSubgraph,
  type TestIssuer,
  type TestSubgraph,
} from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadGatewayConfig } from '../src/config';
import { startGateway, type RunningGateway } from '../src/gateway-server';

export interface GatewayHarness {
  issuer: TestIssuer;
  identity: TestSubgraph;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

/** The repository root, found from here whether this runs from source or compiled output. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'rover.yaml'))) dir = dirname(dir);
  return dir;
}

/** The gateway over the committed supergraph, routing to a real identity subgraph; tokens from a test issuer. */
export async function startGatewayHarness(env: Record<string, string> = {}): Promise<GatewayHarness> {
  return startGatewayOver(join(repoRoot(), 'schema', 'supergraph.graphql'), env);
}

/** The same, over a supergraph file of the caller's choosing. */
export async function startGatewayOver(
  supergraphPath: string,
  env: Record<string, string> = {},
): Promise<GatewayHarness> {
  const issuer = await startTestIssuer();
  const identity = await startTestSubgraph(identitySubgraph, {
    issuer,
    env: { KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex') },
  });
  const gateway = await startGateway(
    loadGatewayConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_IDENTITY_URL: identity.url,
      GATEWAY_SECRET: identity.gatewaySecret,
      JWKS_URL: issuer.jwksUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      ...env,
    }),
  );
  return {
    issuer,
    identity,
    gateway,
    stop: async () => {
      await gateway.stop();
      await identity.stop();
      await issuer.stop();
    },
  };
}

export interface IdentityTokensHarness {
  identity: TestSubgraph;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

/**
 * The gateway in front of a real identity that signs the tokens itself (sign-in, sessions, partner
 * clients), both verifying against identity's JWKS and sharing the given Redis.
 */
export async function startGatewayOverIdentity(
  redisUrl: string,
  identityEnv: Record<string, string> = {},
): Promise<IdentityTokensHarness> {
  const port = await freePort();
  const jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
  const identity = await startTestSubgraph(identitySubgraph, {
    port,
    redisUrl,
    env: { JWKS_URL: jwksUrl, KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'), ...identityEnv },
  });
  const gateway = await startGateway(
    loadGatewayConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUPERGRAPH_PATH: join(repoRoot(), 'schema', 'supergraph.graphql'),
      SUBGRAPH_IDENTITY_URL: identity.url,
      GATEWAY_SECRET: identity.gatewaySecret,
      JWKS_URL: jwksUrl,
      REDIS_URL: redisUrl,
    }),
  );
  return {
    identity,
    gateway,
    stop: async () => {
      await gateway.stop();
      await identity.stop();
    },
  };
}

/** A token with `alg: none`: the classic downgrade attack. */
export function unsignedToken(sub: string): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub, roles: ['ADMIN'], iss: 'holovitals-identity', aud: 'holovitals', iat: now, exp: now + 600 })}.`;
}
