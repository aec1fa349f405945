import { graphqlRequest } from '@holovitals/testing';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import { describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';

const stack = inject('stack');

interface Run {
  id: string;
  mode: string;
  status: string;
  fetchMethod: string | null;
  resourceCount: number;
  httpRequests: number;
  counts: { resourceType: string; fetched: number; created: number; updated: number; unchanged: number }[];
}
const RUN =
  'id mode fetchMethod status resourceCount httpRequests counts { resourceType fetched created updated unchanged }';

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, token ? { token } : {});
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data as T;
}

async function newPatient(): Promise<string> {
  const email = `ehr-sync-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'e2e password 123';
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', { i: { email, password } });
  const { login } = await gql<{ login: { accessToken: string } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return login.accessToken;
}

/** The browser's part: the hospital's consent page, Allow, and the redirect back to the web app's callback. */
async function approveAtHospital(authorizeUrl: string): Promise<URL> {
  const authorize = new URL(authorizeUrl);
  const page = await (await fetch(authorize)).text();
  const patient = /name="patient" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const form = new URLSearchParams(authorize.searchParams);
  form.set('decision', 'allow');
  form.set('patient', patient);
  const decided = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  return new URL(decided.headers.get('location') ?? '');
}

async function syncAndWait(token: string, connectionId: string, until: (run: Run) => boolean): Promise<Run> {
  const { syncEhr } = await gql<{ syncEhr: Run }>(
    `mutation S($id: ID!) { syncEhr(connectionId: $id) { ${RUN} } }`,
    { id: connectionId },
    token,
  );
  for (let i = 0; i < 600; i += 1) {
    const { ehrSyncHistory } = await gql<{ ehrSyncHistory: { runs: Run[] } }>(
      `query H($id: ID!) { ehrSyncHistory(connectionId: $id, first: 5) { runs { ${RUN} } } }`,
      { id: connectionId },
      token,
    );
    const run = ehrSyncHistory.runs.find((candidate) => candidate.id === syncEhr.id);
    if (run && (until(run) || run.status === 'FAILED')) return run;
    await sleep(200);
  }
  throw new Error('sync did not finish');
}

const countOf = (run: Run, type: string) => run.counts.find((count) => count.resourceType === type);

interface Progress {
  changed: string[];
  connection: { latestSync: { status: string; currentResourceType: string | null; resourceCount: number } };
}

/** Collects `ehrSyncProgress` events of one connection through the gateway's graphql-ws endpoint. */
function watchProgress(
  token: string,
  connectionId: string,
): { events: Progress[]; stop: () => Promise<void> } {
  const client = createClient({
    url: stack.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: Progress[] = [];
  const unsubscribe = client.subscribe(
    {
      query: `subscription P($id: ID!) { ehrSyncProgress(connectionId: $id) {
        changed connection { latestSync { status currentResourceType resourceCount } } } }`,
      variables: { id: connectionId },
    },
    {
      next: (value) => {
        const progress = (value.data as { ehrSyncProgress?: Progress } | undefined)?.ehrSyncProgress;
        if (progress) events.push(progress);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return {
    events,
    stop: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}

describe('EHR sync through the gateway', () => {
  it('connects Demo Hospital, syncs the record into patient, picks up an edit, and a quiet re-sync writes nothing', async () => {
    const token = await newPatient();
    // Like the demo patient: a record of their own first, under a FHIR Patient id the hospital does not use.
    await gql(
      'mutation I($b: JSON!) { importFhirBundle(bundle: $b) { created } }',
      {
        b: {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [
            { resource: { resourceType: 'Patient', id: 'own-record', name: [{ family: 'Own' }] } },
            {
              resource: {
                resourceType: 'Condition',
                id: 'own-condition',
                subject: { reference: 'Patient/own-record' },
                code: {
                  coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }],
                },
              },
            },
          ],
        },
      },
      token,
    );
    const { addEhrProvider } = await gql<{ addEhrProvider: { id: string } }>(
      'mutation A($url: String!) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital") { id } }',
      { url: stack.demoHospitalFhirUrl },
      token,
    );
    const { connectEhr } = await gql<{ connectEhr: { authorizeUrl: string } }>(
      'mutation C($p: ID!, $r: String!) { connectEhr(providerId: $p, redirectUri: $r) { authorizeUrl } }',
      { p: addEhrProvider.id, r: `${stack.webUrl}/ehr/callback` },
      token,
    );
    const back = await approveAtHospital(connectEhr.authorizeUrl);
    expect(back.origin).toBe(stack.webUrl);
    const { completeEhrConnection } = await gql<{
      completeEhrConnection: { id: string; fhirPatientId: string };
    }>(
      'mutation F($s: String!, $c: String!) { completeEhrConnection(state: $s, code: $c) { id fhirPatientId } }',
      { s: back.searchParams.get('state'), c: back.searchParams.get('code') },
      token,
    );
    const connectionId = completeEhrConnection.id;

    const progress = watchProgress(token, connectionId);
    // The subscribe message's access check runs before the subscription listens; give it a moment.
    await sleep(500);
    const full = await syncAndWait(token, connectionId, (run) => run.status === 'APPLIED');
    // Demo Hospital advertises Bulk Data, so the worker fetches through Patient/$export.
    expect(full).toMatchObject({ mode: 'FULL', fetchMethod: 'BULK', status: 'APPLIED' });
    // A subscriber that falls behind gets steps merged (their `changed` united), so look at every step named.
    const steps = () => progress.events.flatMap((event) => event.changed);
    for (let i = 0; i < 50 && !steps().includes('APPLIED'); i += 1) await sleep(200);
    await progress.stop();
    expect(steps()).toEqual(expect.arrayContaining(['QUEUED', 'RUNNING', 'Condition', 'FETCHED', 'APPLIED']));
    expect(
      Math.max(...progress.events.map((event) => event.connection.latestSync.resourceCount)),
    ).toBeGreaterThan(0);
    const conditions = countOf(full, 'Condition');
    expect(conditions?.fetched).toBeGreaterThan(0);
    expect(conditions?.created).toBe(conditions?.fetched);

    const { myPatient } = await gql<{ myPatient: { conditions: { nodes: { id: string }[] } } }>(
      '{ myPatient { conditions(first: 100) { nodes { id } } } }',
      {},
      token,
    );
    // The hospital's conditions joined the patient's own one (its Patient id differs from the hospital's).
    expect(myPatient.conditions.nodes.length).toBe((conditions?.created ?? 0) + 1);

    // The patient's own session at the hospital edits one condition (the hospital's FHIR API, as its portal would).
    const hospitalToken = await hospitalAccessToken(connectEhr.authorizeUrl);
    const search = (await (
      await fetch(
        `${stack.demoHospitalFhirUrl}/Condition?patient=${completeEhrConnection.fhirPatientId}&_count=1`,
        {
          headers: { authorization: `Bearer ${hospitalToken}` },
        },
      )
    ).json()) as { entry: { resource: { id: string } & Record<string, unknown> }[] };
    const condition = search.entry[0]?.resource;
    await sleep(2100);
    const put = await fetch(`${stack.demoHospitalFhirUrl}/Condition/${condition?.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${hospitalToken}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...condition, note: [{ text: 'Updated at Demo Hospital' }] }),
    });
    expect(put.status).toBe(200);
    await sleep(2100);

    const incremental = await syncAndWait(token, connectionId, (run) => run.status === 'APPLIED');
    expect(incremental).toMatchObject({ mode: 'INCREMENTAL', status: 'APPLIED', resourceCount: 1 });
    expect(countOf(incremental, 'Condition')).toMatchObject({ fetched: 1, updated: 1, created: 0 });

    const quiet = await syncAndWait(token, connectionId, (run) => run.status === 'APPLIED');
    expect(quiet).toMatchObject({ mode: 'INCREMENTAL', status: 'APPLIED', resourceCount: 0, counts: [] });
  }, 300_000);
});

/** A second, independent SMART session at the hospital for the same patient (stands in for the hospital portal). */
async function hospitalAccessToken(authorizeUrl: string): Promise<string> {
  const original = new URL(authorizeUrl);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = `${stack.webUrl}/portal`;
  const authorize = new URL(original.origin + original.pathname);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: 'holovitals',
    redirect_uri: redirect,
    scope: 'launch/patient patient/*.cruds',
    state: 'portal',
    aud: stack.demoHospitalFhirUrl,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(key, value);
  const back = await approveAtHospital(authorize.toString());
  const tokens = (await (
    await fetch(`${original.origin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        client_id: 'holovitals',
        redirect_uri: redirect,
        code_verifier: verifier,
      }),
    })
  ).json()) as { access_token: string };
  return tokens.access_token;
}
