import { graphqlRequest, readGraphQLBody } from '@holovitals/testing';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startGatewayHarness({
    MAX_REQUEST_BYTES: String(64 * 1024),
    RATE_LIMIT_POINTS: '400',
    MAX_COST: '100',
  });
});
afterAll(() => harness.stop());

const nested = (depth: number): string => {
  let selection = 'name';
  for (let level = 0; level < depth; level += 1) selection = `ofType { ${selection} }`;
  return `{ __schema { types { fields { type { ${selection} } } } } }`;
};

describe('gateway: query limits', () => {
  it('rejects a depth bomb before execution', async () => {
    const response = await graphqlRequest(harness.gateway.url, nested(20));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/depth/i);
    expect(response.body.data).toBeUndefined();
  });

  it('rejects an alias bomb', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: me { id }`).join(' ');
    const response = await graphqlRequest(harness.gateway.url, `{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('rejects a query whose cost is over the limit and serves a cheap one', async () => {
    const token = await harness.issuer.token({ sub: randomUUID() });
    const sessions = 'mySessions { id userAgent ipAddress createdAt lastUsedAt expiresAt revokedAt }';
    const heavy = Array.from({ length: 10 }, (_, index) => `c${index}: ${sessions}`).join(' ');
    const response = await graphqlRequest(harness.gateway.url, `{ ${heavy} }`, {}, { token });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/cost/i);
    const cheap = await graphqlRequest(harness.gateway.url, `{ ${sessions} }`, {}, { token });
    expect(cheap.body.errors).toBeUndefined();
  });

  it('serves the standard introspection query that partners and codegen send', async () => {
    const response = await graphqlRequest<{ __schema: { types: unknown[] } }>(
      harness.gateway.url,
      getIntrospectionQuery(),
    );
    expect(response.status).toBe(200);
    expect(response.body.data?.__schema.types.length).toBeGreaterThan(10);
  });

  it('rejects a token flood', async () => {
    const fields = Array.from({ length: 4500 }, () => '__typename').join(' ');
    const response = await graphqlRequest(harness.gateway.url, `{ ${fields} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it('rejects an oversize body with 413', async () => {
    const response = await graphqlRequest(harness.gateway.url, ME_QUERY, { padding: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON, a wrong content type and an unknown operation with 4xx and a code', async () => {
    const malformed = await fetch(harness.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(malformed.status).toBe(400);
    expect((await readGraphQLBody(malformed)).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');

    const textPlain = await fetch(harness.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ me { id } }',
    });
    expect(textPlain.status).toBeGreaterThanOrEqual(400);
    expect(textPlain.status).toBeLessThan(500);

    const unknown = await fetch(harness.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' }),
    });
    expect(unknown.status).toBe(400);
    expect((await readGraphQLBody(unknown)).errors?.[0]?.extensions?.code).toBe(
      'OPERATION_RESOLUTION_FAILURE',
    );
  });

  it('limits requests per principal and says when to retry', async () => {
    const token = await harness.issuer.token({ sub: randomUUID() });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let request = 0; request < 405; request += 1) {
      const response = await graphqlRequest(harness.gateway.url, '{ __typename }', {}, { token });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const other = await graphqlRequest(
      harness.gateway.url,
      '{ __typename }',
      {},
      { token: await harness.issuer.token({ sub: randomUUID() }) },
    );
    expect(other.status).toBe(200);
  });
});

const ME_QUERY = 'query Me($padding: String) { me { id } __typename @skip(if: false) }';

describe('gateway: GraphQL over HTTP', () => {
  it('passes every MUST audit of graphql-http', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: harness.gateway.url })) {
      if (!audit.name.startsWith('MUST')) continue;
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers a CORS preflight for the web origin only', async () => {
    const allowed = await fetch(harness.gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const rejected = await fetch(harness.gateway.url, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:3000',
        'content-type': 'application/json',
        authorization: 'Bearer x.y.z',
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const other = await fetch(harness.gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves health on the public port and metrics only on the internal one', async () => {
    const base = harness.gateway.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect(harness.gateway.metricsUrl).not.toContain(`:${harness.gateway.port}/`);
    expect(await (await fetch(harness.gateway.metricsUrl)).text()).toContain('gateway_requests_total');
  });
});
