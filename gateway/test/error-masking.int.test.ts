import { freePort, graphqlRequest } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';

/** Words of the internals that must not reach a client: library messages, hosts, Apollo's prefix. */
const INTERNAL_TEXT = /redis|retries|ECONNREFUSED|127\.0\.0\.1|fetch failed|jwks|Context creation/i;

let harness: GatewayHarness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

describe('gateway: internal errors are masked', () => {
  it('answers INTERNAL_SERVER_ERROR without internal text when Redis is down', async () => {
    const nothingListens = await freePort();
    harness = await startGatewayHarness({ REDIS_URL: `redis://127.0.0.1:${nothingListens}` });
    const response = await graphqlRequest(harness.gateway.url, '{ __typename }');
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(response.body)).not.toMatch(INTERNAL_TEXT);
  });

  it('answers INTERNAL_SERVER_ERROR without internal text when the JWKS cannot be fetched', async () => {
    const nothingListens = await freePort();
    harness = await startGatewayHarness({
      JWKS_URL: `http://127.0.0.1:${nothingListens}/.well-known/jwks.json`,
    });
    const token = await harness.issuer.token({ sub: randomUUID() });
    const response = await graphqlRequest(harness.gateway.url, '{ __typename }', {}, { token });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(response.body.errors?.[0]?.message).toBe('Internal server error');
    expect(JSON.stringify(response.body)).not.toMatch(INTERNAL_TEXT);
  });

  it('keeps the message of errors written for the client', async () => {
    harness = await startGatewayHarness();
    const response = await graphqlRequest(harness.gateway.url, '{ me { id } }', {}, { token: 'x.y.z' });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors?.[0]?.message).not.toBe('Internal server error');
  });
});
