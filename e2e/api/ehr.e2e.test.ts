import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

async function signedInUser(): Promise<string> {
  const email = `ehr-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'e2e password 123';
  await graphqlRequest(stack.gatewayUrl, 'mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
    i: { email, password },
  });
  const login = await graphqlRequest<{ login: { accessToken: string } }>(
    stack.gatewayUrl,
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return login.body.data?.login.accessToken ?? '';
}

describe('EHR providers through the gateway', () => {
  it('adds Demo Hospital by its FHIR base URL (SMART discovery) and finds it by name', async () => {
    const token = await signedInUser();
    const added = await graphqlRequest<{
      addEhrProvider: { id: string; tokenUrl: string; bulkExport: boolean };
    }>(
      stack.gatewayUrl,
      'mutation A($url: String!) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital") { id tokenUrl bulkExport } }',
      { url: stack.demoHospitalFhirUrl },
      { token },
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data?.addEhrProvider).toMatchObject({
      tokenUrl: stack.demoHospitalFhirUrl.replace(/\/fhir$/, '/oauth/token'),
      bulkExport: true,
    });
    const found = await graphqlRequest<{ ehrProviders: { id: string; name: string }[] }>(
      stack.gatewayUrl,
      '{ ehrProviders(search: "demo") { id name } }',
      {},
      { token },
    );
    expect(found.body.data?.ehrProviders).toContainEqual({
      id: added.body.data?.addEhrProvider.id,
      name: 'Demo Hospital',
    });
  });
});
