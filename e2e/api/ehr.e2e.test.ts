import { graphqlRequest } from '@holovitals/testing';
import { describe, expect, inject, it } from 'vitest';
import { signUpAndSignIn } from '../setup/gateway-session';

const stack = inject('stack');

describe('EHR providers through the gateway', () => {
  it('adds Demo Hospital by its FHIR base URL (SMART discovery) and finds it by name', async () => {
    const token = (await signUpAndSignIn(stack.gatewayUrl, 'ehr')).token;
    const added = await graphqlRequest<{
      addEhrProvider: { id: string; tokenUrl: string; bulkExport: boolean; clientIdSource: string };
    }>(
      stack.gatewayUrl,
      'mutation A($url: String!) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital") { id tokenUrl bulkExport clientIdSource } }',
      { url: stack.demoHospitalFhirUrl },
      { token },
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data?.addEhrProvider).toMatchObject({
      tokenUrl: stack.demoHospitalFhirUrl.replace(/\/fhir$/, '/oauth/token'),
      bulkExport: true,
      // The demo seed added it first, under Demo Hospital's built-in client id; the same URL returns that provider.
      clientIdSource: 'CONFIGURED',
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
