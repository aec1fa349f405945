import { REVOCATION_READY_KEY } from '@holovitals/auth';
import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayOverIdentity, type IdentityTokensHarness } from './gateway-harness';
import { startPrivateRedis, type PrivateRedis } from './private-redis';

const PASSWORD = 'correct horse 42';
const ME = '{ me { id } }';

let redis: PrivateRedis;
let harness: IdentityTokensHarness;
let observer: Redis;

beforeAll(async () => {
  redis = await startPrivateRedis();
  // Rebuilds come from Redis reconnects only (the periodic pass is an hour away), so each step is deterministic.
  harness = await startGatewayOverIdentity(redis.url, { REVOCATION_SYNC_SECONDS: '60' });
  observer = new Redis(redis.url);
  // The test restarts Redis on purpose; the reconnect is what it waits for, not an error.
  observer.on('error', () => undefined);
});
afterAll(async () => {
  observer.disconnect();
  await harness.stop();
  await redis.stop();
});

const gql = <T = Record<string, unknown>>(query: string, variables = {}, token?: string) =>
  graphqlRequest<T>(harness.gateway.url, query, variables, {
    token: token ?? null,
    headers: {
      'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
  });

async function signIn(email: string): Promise<string> {
  const response = await gql<{ login: { accessToken: string } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: PASSWORD },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.login.accessToken;
}

async function newUser(label: string, roles?: string): Promise<string> {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
    i: { email, password: PASSWORD },
  });
  if (roles) {
    await harness.identity.dataSource.query('UPDATE app_user SET roles = $2 WHERE email = $1', [
      email,
      roles,
    ]);
  }
  return email;
}

/** The token's answer at the gateway and directly at a subgraph (identity, through the kit's auth path). */
async function answers(token: string): Promise<Array<{ status: number; reason: unknown }>> {
  const atGateway = await graphqlRequest(harness.gateway.url, ME, {}, { token });
  const atSubgraph = await harness.identity.graphql(ME, {}, { token });
  return [atGateway, atSubgraph].map((response) => ({
    status: response.status,
    reason: response.body.errors?.[0]?.extensions?.reason,
  }));
}

const served = [
  { status: 200, reason: undefined },
  { status: 200, reason: undefined },
];
const refused = (reason: string) => [
  { status: 401, reason },
  { status: 401, reason },
];

async function cacheRebuilt(): Promise<void> {
  await expect.poll(() => observer.exists(REVOCATION_READY_KEY), { timeout: 10_000 }).toBe(1);
}

describe('revocation that lasts', () => {
  let loggedOut: string;
  let revokedDevice: string;
  let partner: string;
  let live: string;

  it('refuses a token at once after logout, with warm caches', async () => {
    const email = await newUser('logout');
    loggedOut = await signIn(email);
    expect(await answers(loggedOut)).toEqual(served);
    const logout = await gql<{ logout: boolean }>('mutation { logout }', {}, loggedOut);
    expect(logout.body.data?.logout).toBe(true);
    expect(await answers(loggedOut)).toEqual(refused('session_revoked'));
  });

  it('refuses the token of a session ended from another device', async () => {
    const email = await newUser('device');
    revokedDevice = await signIn(email);
    const laptop = await signIn(email);
    live = laptop;
    expect(await answers(revokedDevice)).toEqual(served);
    const sid = JSON.parse(Buffer.from(revokedDevice.split('.')[1]!, 'base64url').toString()).sid as string;
    const revoked = await gql('mutation R($id: ID!) { revokeSession(id: $id) { id } }', { id: sid }, laptop);
    expect(revoked.body.errors).toBeUndefined();
    expect(await answers(revokedDevice)).toEqual(refused('session_revoked'));
    expect(await answers(laptop)).toEqual(served);
  });

  it("ends a partner client's live tokens when the client is revoked", async () => {
    const admin = await signIn(await newUser('admin', '{ADMIN}'));
    const created = await gql<{
      createServiceClient: { client: { id: string; clientId: string }; clientSecret: string };
    }>(
      'mutation C($i: CreateServiceClientInput!) { createServiceClient(input: $i) { client { id clientId } clientSecret } }',
      { i: { name: 'Lab partner', scopes: ['patient.read'] } },
      admin,
    );
    expect(created.body.errors, JSON.stringify(created.body.errors)).toBeUndefined();
    const { client, clientSecret } = created.body.data!.createServiceClient;
    const exchanged = await gql<{ exchangeClientCredentials: { accessToken: string } }>(
      'mutation X($id: String!, $s: String!) { exchangeClientCredentials(clientId: $id, clientSecret: $s) { accessToken } }',
      { id: client.clientId, s: clientSecret },
    );
    partner = exchanged.body.data!.exchangeClientCredentials.accessToken;
    expect(await answers(partner)).toEqual(served);
    const revoked = await gql(
      'mutation R($id: ID!) { revokeServiceClient(id: $id) { revokedAt } }',
      { id: client.id },
      admin,
    );
    expect(revoked.body.errors).toBeUndefined();
    expect(await answers(partner)).toEqual(refused('client_revoked'));
  });

  it('still refuses all three after a Redis restart, once identity has rebuilt the cache from its database', async () => {
    await redis.restart();
    for (const token of [loggedOut, revokedDevice, partner]) {
      for (const answer of await answers(token)) expect(answer.status).toBe(401);
    }
    await cacheRebuilt();
    expect(await answers(loggedOut)).toEqual(refused('session_revoked'));
    expect(await answers(revokedDevice)).toEqual(refused('session_revoked'));
    expect(await answers(partner)).toEqual(refused('client_revoked'));
    expect(await answers(live)).toEqual(served);
  });

  it('refuses every token while the cache is not known to be complete (fails closed)', async () => {
    await observer.del(REVOCATION_READY_KEY);
    expect(await answers(live)).toEqual(refused('revocation_unknown'));
    // Identity rebuilds on its next pass or Redis reconnect; force the reconnect.
    await observer.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await cacheRebuilt();
    expect(await answers(live)).toEqual(served);
    expect(await answers(loggedOut)).toEqual(refused('session_revoked'));
  });
});
