import {
  loadDemoHospitalConfig,
  type RunningDemoHospital,
  startDemoHospital,
} from '@holovitals/demo-hospital';
import { Role } from '@holovitals/subgraph-kit';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ehrSubgraph } from '../src/subgraph';

interface Provider {
  id: string;
  name: string;
  fhirBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  capabilities: string[];
  bulkExport: boolean;
  clientIdSource: string;
}

const PROVIDER_FIELDS = 'id name fhirBaseUrl authorizeUrl tokenUrl capabilities bulkExport clientIdSource';

let issuer: TestIssuer;
let sg: TestSubgraph;
let hospital: RunningDemoHospital;
let token: string;

beforeAll(async () => {
  hospital = await startDemoHospital(loadDemoHospitalConfig({ PORT: '0', DEMO_HOSPITAL_PATIENTS: '1' }));
  issuer = await startTestIssuer();
  sg = await startTestSubgraph(ehrSubgraph, {
    issuer,
    env: {
      EVENTS_ENABLED: 'false',
      EHR_ALLOW_PRIVATE_NETWORK: 'true',
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    },
  });
  token = await issuer.token({ sub: 'patient-user-1', roles: [Role.PATIENT] });
});

afterAll(async () => {
  await sg.stop();
  await issuer.stop();
  await hospital.stop();
});

async function add(fhirBaseUrl: string, name?: string) {
  return sg.graphql<{ addEhrProvider: Provider }>(
    `mutation Add($url: String!, $name: String) { addEhrProvider(fhirBaseUrl: $url, name: $name, clientId: "holovitals") { ${PROVIDER_FIELDS} } }`,
    { url: fhirBaseUrl, name: name ?? null },
    { token },
  );
}

describe('ehr subgraph: providers', () => {
  it('refuses anonymous callers', async () => {
    const response = await sg.graphql('{ ehrProviders { id } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('adds a SMART server from its discovery document, deduplicates by URL and finds it by name', async () => {
    const added = await add(hospital.fhirBaseUrl, 'Demo Hospital');
    const provider = added.body.data?.addEhrProvider;
    expect(provider).toMatchObject({
      name: 'Demo Hospital',
      fhirBaseUrl: hospital.fhirBaseUrl,
      authorizeUrl: hospital.fhirBaseUrl.replace(/\/fhir$/, '/oauth/authorize'),
      tokenUrl: hospital.fhirBaseUrl.replace(/\/fhir$/, '/oauth/token'),
      bulkExport: true,
      clientIdSource: 'CONFIGURED',
    });
    expect(provider?.capabilities).toContain('launch-standalone');

    const again = await add(`${hospital.fhirBaseUrl}/`, 'Another name');
    expect(again.body.data?.addEhrProvider.id).toBe(provider?.id);
    const rows = await sg.dataSource.query<{ count: string }[]>('SELECT count(*) FROM ehr_provider');
    expect(rows[0]?.count).toBe('1');

    const found = await sg.graphql<{ ehrProviders: Provider[] }>(
      '{ hit: ehrProviders(search: "demo hosp") { id } miss: ehrProviders(search: "epic") { id } }',
      {},
      { token },
    );
    expect(found.body.data).toEqual({ hit: [{ id: provider?.id }], miss: [] });
  });

  it('refuses a server without SMART discovery and a URL that is not http(s), writing nothing', async () => {
    const origin = new URL(hospital.fhirBaseUrl).origin;
    const noSmart = await add(`${origin}/not-fhir`);
    expect(noSmart.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NO_SMART_DISCOVERY',
    });
    const badUrl = await add('ftp://example.org/fhir');
    expect(badUrl.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_FHIR_BASE_URL',
    });
    const rows = await sg.dataSource.query<{ url: string }[]>(
      'SELECT "fhirBaseUrl" AS url FROM ehr_provider',
    );
    expect(rows.map((row) => row.url)).toEqual([hospital.fhirBaseUrl]);
  });
});
