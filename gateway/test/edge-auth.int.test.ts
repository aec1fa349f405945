import { graphqlRequest } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, unsignedToken, type GatewayHarness } from './gateway-harness';

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startGatewayHarness();
});
afterAll(() => harness.stop());

const ME = '{ me { id } }';

describe('gateway: authentication at the edge', () => {
  it('serves a valid token and an anonymous caller', async () => {
    const token = await harness.issuer.token({ sub: randomUUID() });
    const authenticated = await graphqlRequest(harness.gateway.url, ME, {}, { token });
    expect(authenticated.status).toBe(200);
    expect(authenticated.body).toEqual({ data: { me: null } });
    const anonymous = await graphqlRequest(harness.gateway.url, ME);
    expect(anonymous.body).toEqual({ data: { me: null } });
  });

  const badTokens: Array<[string, () => Promise<string>, string]> = [
    ['expired', () => harness.issuer.token({ sub: randomUUID(), expiresIn: -60 }), 'expired'],
    [
      'forged',
      () => harness.issuer.forgedToken({ sub: randomUUID() }),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ],
    ['alg:none', async () => unsignedToken(randomUUID()), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    [
      'wrong audience',
      () => harness.issuer.token({ sub: randomUUID(), audience: 'someone-else' }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    ],
    ['garbage', async () => 'not-a-jwt', 'ERR_JWS_INVALID'],
  ];

  for (const [label, makeToken, reason] of badTokens) {
    it(`rejects a ${label} token with 401 at the gateway and at the subgraph`, async () => {
      const token = await makeToken();
      const atGateway = await graphqlRequest(harness.gateway.url, ME, {}, { token });
      expect(atGateway.status).toBe(401);
      expect(atGateway.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      expect(atGateway.body.data).toBeUndefined();
      const atSubgraph = await harness.identity.graphql(ME, {}, { token });
      expect(atSubgraph.status).toBe(401);
      expect(atSubgraph.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  }

  it('rejects a malformed Authorization header', async () => {
    const response = await graphqlRequest(
      harness.gateway.url,
      ME,
      {},
      { headers: { authorization: 'Basic dXNlcjpwYXNz' } },
    );
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('malformed_header');
  });

  it('refuses a subgraph call that lacks the gateway credential', async () => {
    const token = await harness.issuer.token({ sub: randomUUID() });
    const direct = await graphqlRequest(harness.identity.url, ME, {}, { token });
    expect(direct.status).toBe(403);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongSecret = await graphqlRequest(
      harness.identity.url,
      ME,
      {},
      { token, headers: { 'x-gateway-credential': 'x'.repeat(48) } },
    );
    expect(wrongSecret.status).toBe(403);
  });
});
