import { graphqlRequest, pollUntil, type GraphQLResponse } from '@holovitals/testing';
import { expect, inject, it } from 'vitest';
import { signIn, signUpAndSignIn } from '../setup/gateway-session';

const stack = inject('stack');

function send<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<T>> {
  return graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
}

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

const GRANT = `mutation G($i: GrantConsentInput!) { grantConsent(input: $i) { id } }`;
const REVOKE = `mutation R($id: ID!) { revokeConsent(id: $id) { id active } }`;
const READ = `query P($id: ID!) { patient(id: $id) { id } }`;
const ACCESS_LOG = `{ accessLog { actorId action entityType outcome } }`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

it('patient grants, clinician reads, patient sees the read, revokes, clinician is denied', async () => {
  const { token: patientToken } = await signUpAndSignIn(stack.gatewayUrl, 'consent');
  const { createMyPatient } = await gql<{ createMyPatient: { id: string } }>(
    'mutation { createMyPatient { id } }',
    {},
    patientToken,
  );
  const clinicianToken = await signIn(
    stack.gatewayUrl,
    'clinician@demo.holovitals.local',
    stack.demoPassword,
  );
  const { me } = await gql<{ me: { id: string } }>('{ me { id } }', {}, clinicianToken);
  const readCode = async (): Promise<string | undefined> => {
    const response = await send(READ, { id: createMyPatient.id }, clinicianToken);
    return response.body.errors?.[0]?.extensions?.code as string | undefined;
  };
  expect(await readCode()).toBe('FORBIDDEN');
  // Demo mode's own grant: the demo clinician's list is not empty.
  const demoGrants = await gql<{ consentsGrantedToMe: Array<{ active: boolean }> }>(
    '{ consentsGrantedToMe { active } }',
    {},
    clinicianToken,
  );
  expect(demoGrants.consentsGrantedToMe).toContainEqual({ active: true });

  const grantInput = { granteeUserId: me.id, scope: ['READ_RECORD'], purpose: 'TREATMENT' };
  // Compliance learns the new patient record from patient.created, the clinician from user.verified.
  const granted = await pollUntil(
    () => send<{ grantConsent: { id: string } }>(GRANT, { i: grantInput }, patientToken),
    (response) => response.body.errors === undefined,
  );
  expect(granted.body.errors).toBeUndefined();
  expect(await pollUntil(readCode, (code) => code === undefined)).toBeUndefined();

  const log = await pollUntil(
    () => gql<{ accessLog: Array<{ actorId: string; outcome: string }> }>(ACCESS_LOG, {}, patientToken),
    (data) => data.accessLog.some((entry) => entry.actorId === me.id && entry.outcome === 'SUCCESS'),
  );
  expect(log.accessLog).toContainEqual({
    actorId: me.id,
    action: 'read',
    entityType: 'Patient',
    outcome: 'SUCCESS',
  });

  // Every revocation denies the next read; the latency is printed, not asserted (timing depends on the machine).
  const latencies: number[] = [];
  let consentId = granted.body.data!.grantConsent.id;
  for (let round = 0; round < 10; round += 1) {
    if (round > 0) {
      consentId = (await gql<{ grantConsent: { id: string } }>(GRANT, { i: grantInput }, patientToken))
        .grantConsent.id;
      expect(await pollUntil(readCode, (code) => code === undefined)).toBeUndefined();
    }
    const started = performance.now();
    await gql(REVOKE, { id: consentId }, patientToken);
    expect(await pollUntil(readCode, (code) => code === 'FORBIDDEN')).toBe('FORBIDDEN');
    latencies.push(performance.now() - started);
  }
  process.stdout.write(
    `revocation → denied read: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (n=${latencies.length})\n`,
  );
}, 120_000);
