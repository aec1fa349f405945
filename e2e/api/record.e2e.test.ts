import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');
const fixtures = resolve(__dirname, '..', '..', 'subgraphs', 'patient', 'fixtures', 'synthea-r4');
const patientBundles = readdirSync(fixtures).filter(
  (file) => file.endsWith('.json') && !/Information\d+\.json$/.test(file),
);

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

async function newPatientUser(label: string): Promise<string> {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'e2e password 123';
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', { i: { email, password } });
  const { login } = await gql<{ login: { accessToken: string } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return login.accessToken;
}

interface StandardizedObservation {
  id: string;
  code: string;
  value: number | null;
  unit: string | null;
  standardized: { loincCode: string | null; loincDisplay: string | null; unit: string | null } | null;
}

async function allObservations(token: string): Promise<StandardizedObservation[]> {
  const observations: StandardizedObservation[] = [];
  let after: string | null = null;
  for (;;) {
    const page: {
      myPatient: {
        observations: {
          nodes: StandardizedObservation[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    } = await gql(
      `query Labs($after: String) { myPatient { observations(first: 100, after: $after) {
          nodes { id code value unit standardized { loincCode loincDisplay unit } }
          pageInfo { hasNextPage endCursor } } } }`,
      { after },
      token,
    );
    observations.push(...page.myPatient.observations.nodes);
    if (!page.myPatient.observations.pageInfo.hasNextPage) return observations;
    after = page.myPatient.observations.pageInfo.endCursor;
  }
}

const IMPORT = `mutation Import($bundle: JSON!) { importFhirBundle(bundle: $bundle) {
  patientId created updated unchanged skipped errors { index reason } } }`;

describe('the health record through the gateway', () => {
  it(`imports all ${patientBundles.length} Synthea bundles; every observation comes out standardized; re-import writes nothing`, async () => {
    let observationCount = 0;
    for (const file of patientBundles) {
      const token = await newPatientUser('synthea');
      const bundle: unknown = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
      const first = await gql<{ importFhirBundle: { created: number; errors: unknown[] } }>(
        IMPORT,
        { bundle },
        token,
      );
      expect(first.importFhirBundle.errors, file).toEqual([]);
      expect(first.importFhirBundle.created, file).toBeGreaterThan(0);

      const again = await gql<{ importFhirBundle: { created: number; updated: number } }>(
        IMPORT,
        { bundle },
        token,
      );
      expect(again.importFhirBundle, file).toMatchObject({ created: 0, updated: 0 });

      const observations = await allObservations(token);
      for (const observation of observations) {
        expect(observation.standardized?.loincCode, `${file} ${observation.code}`).toBe(observation.code);
        expect(observation.standardized?.loincDisplay, `${file} ${observation.code}`).toBeTruthy();
        if (observation.value !== null && observation.unit)
          expect(observation.standardized?.unit, `${file} ${observation.code}`).toBeTruthy();
      }
      observationCount += observations.length;
    }
    expect(observationCount).toBeGreaterThan(1000);
  });

  it('keeps a record private: another patient and a clinician without consent are refused', async () => {
    const owner = await newPatientUser('owner');
    const bundle: unknown = JSON.parse(readFileSync(join(fixtures, patientBundles[0]!), 'utf8'));
    const { importFhirBundle } = await gql<{ importFhirBundle: { patientId: string } }>(
      IMPORT,
      { bundle },
      owner,
    );
    const other = await newPatientUser('other');
    const peek = await graphqlRequest(
      stack.gatewayUrl,
      'query P($id: ID!) { patient(id: $id) { id } }',
      { id: importFhirBundle.patientId },
      { token: other },
    );
    expect(peek.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const { login } = await gql<{ login: { accessToken: string } }>(
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: 'clinician@demo.holovitals.local', p: stack.demoPassword },
    );
    const clinician = await graphqlRequest(
      stack.gatewayUrl,
      'query P($id: ID!) { patient(id: $id) { id } }',
      { id: importFhirBundle.patientId },
      { token: login.accessToken },
    );
    expect(clinician.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows the demo patient their seeded record', async () => {
    const { login } = await gql<{ login: { accessToken: string } }>(
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: 'patient@demo.holovitals.local', p: stack.demoPassword },
    );
    const { me } = await gql<{
      me: { patient: { conditions: { nodes: unknown[] }; observations: { nodes: unknown[] } } };
    }>(
      '{ me { patient { conditions(first: 5) { nodes { display } } observations(first: 5) { nodes { display } } } } }',
      {},
      login.accessToken,
    );
    expect(me.patient.conditions.nodes.length).toBeGreaterThan(0);
    expect(me.patient.observations.nodes.length).toBeGreaterThan(0);
  });
});
