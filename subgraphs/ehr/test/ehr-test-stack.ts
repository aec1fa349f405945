import {
  loadDemoHospitalConfig,
  type RunningDemoHospital,
  startDemoHospital,
} from '@holovitals/demo-hospital';
import type { EnvelopeCipher } from '@holovitals/encryption';
import { Role } from '@holovitals/subgraph-kit';
import {
  freePort,
  startTestIssuer,
  startTestSubgraph,
  type TestIssuer,
  type TestSubgraph,
} from '@holovitals/testing';
import { runWorker, type RunningWorker } from '@holovitals/worker-runtime';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ehrCipher } from '../src/ehr-services';
import type { FaultProxy } from './fault-proxy';
import { ehrSubgraph } from '../src/subgraph';
import { ehrSyncWorker } from '../src/sync/sync-worker';

/** The web app origin tests pretend to be; the provider's redirect is read from its Location header, never followed. */
export const APP_ORIGIN = 'http://app.holovitals.test';

export interface EhrTestStack {
  hospital: RunningDemoHospital;
  issuer: TestIssuer;
  sg: TestSubgraph;
  /** The same master key the subgraph seals with, to check what is stored. */
  cipher: EnvelopeCipher;
  /** The subgraph's environment, for a worker that must share its database, queues and keys. */
  env: Record<string, string>;
  /** The app's callback page on this stack's EHR_APP_ORIGIN. */
  callback: string;
  patientToken(userId?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startEhrTestStack(
  options: { env?: Record<string, string>; hospitalEnv?: Record<string, string>; proxy?: FaultProxy } = {},
): Promise<EhrTestStack> {
  // Behind a proxy, the hospital publishes the proxy's origin (discovery, links, aud), so every call crosses it.
  const port = options.proxy ? await freePort() : 0;
  options.proxy?.setTarget(`http://127.0.0.1:${port}`);
  const hospital = await startDemoHospital(
    loadDemoHospitalConfig({
      PORT: String(port),
      DEMO_HOSPITAL_PATIENTS: '1',
      ...(options.proxy ? { DEMO_HOSPITAL_PUBLIC_URL: options.proxy.origin } : {}),
      ...options.hospitalEnv,
    }),
  );
  const issuer = await startTestIssuer();
  const secret = randomBytes(32).toString('hex');
  const env = {
    EVENTS_ENABLED: 'false',
    EHR_ALLOW_PRIVATE_NETWORK: 'true',
    EHR_APP_ORIGIN: APP_ORIGIN,
    KEY_ENCRYPTION_SECRET: secret,
    QUEUE_PREFIX: `hv-test-${randomBytes(4).toString('hex')}`,
    ...options.env,
  };
  const sg = await startTestSubgraph(ehrSubgraph, { issuer, env });
  return {
    hospital,
    issuer,
    sg,
    cipher: ehrCipher({ KEY_ENCRYPTION_SECRET: secret }),
    env,
    callback: `${env.EHR_APP_ORIGIN}/ehr/callback`,
    patientToken: (userId = randomUUID()) => issuer.token({ sub: userId, roles: [Role.PATIENT] }),
    stop: async () => {
      await sg.stop();
      await issuer.stop();
      await hospital.stop();
    },
  };
}

/** Adds the stack's Demo Hospital under its built-in client id, or (clientId null) by dynamic registration. */
export async function addDemoHospital(
  stack: EhrTestStack,
  token: string,
  clientId: string | null = 'holovitals',
): Promise<string> {
  const added = await stack.sg.graphql<{ addEhrProvider: { id: string } }>(
    'mutation Add($url: String!, $clientId: String) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital", clientId: $clientId) { id } }',
    { url: stack.hospital.fhirBaseUrl, clientId },
    { token },
  );
  const id = added.body.data?.addEhrProvider.id;
  if (!id) throw new Error(JSON.stringify(added.body.errors));
  return id;
}

export async function connectEhr(
  stack: EhrTestStack,
  token: string,
  providerId: string,
  redirectUri = stack.callback,
) {
  return stack.sg.graphql<{ connectEhr: { authorizeUrl: string; state: string } }>(
    'mutation C($p: ID!, $r: String!) { connectEhr(providerId: $p, redirectUri: $r) { authorizeUrl state } }',
    { p: providerId, r: redirectUri },
    { token },
  );
}

/** The patient's answer on the hospital's consent page; returns where the hospital redirects the browser. */
export async function decideAtHospital(
  authorizeUrl: string,
  decision: 'allow' | 'deny',
  patientId: string,
): Promise<URL> {
  const authorize = new URL(authorizeUrl);
  const page = await fetch(authorize);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('decision', decision);
  form.set('patient', patientId);
  const decided = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  return new URL(decided.headers.get('location') ?? '');
}

export async function completeEhrConnection(stack: EhrTestStack, token: string, state: string, code: string) {
  return stack.sg.graphql<{
    completeEhrConnection: { id: string; status: string; fhirPatientId: string; scopesGranted: string[] };
  }>(
    'mutation F($s: String!, $c: String!) { completeEhrConnection(state: $s, code: $c) { id status fhirPatientId scopesGranted } }',
    { s: state, c: code },
    { token },
  );
}

/** The whole round trip a patient makes: connect, allow at the hospital, complete. Returns the connection id. */
export async function connectDemoPatient(
  stack: EhrTestStack,
  token: string,
  providerId: string,
): Promise<string> {
  const started = await connectEhr(stack, token, providerId);
  const authorization = started.body.data?.connectEhr;
  if (!authorization) throw new Error(JSON.stringify(started.body.errors));
  const back = await decideAtHospital(
    authorization.authorizeUrl,
    'allow',
    stack.hospital.store.patients[0]?.id ?? '',
  );
  const done = await completeEhrConnection(
    stack,
    token,
    back.searchParams.get('state') ?? '',
    back.searchParams.get('code') ?? '',
  );
  const id = done.body.data?.completeEhrConnection.id;
  if (!id) throw new Error(JSON.stringify(done.body.errors));
  return id;
}

/** Polls the connection's sync history until run `runId` has finished (any status but QUEUED or RUNNING). */
export async function finishedRun<Run extends { id: string; status: string }>(
  stack: EhrTestStack,
  token: string,
  connectionId: string,
  runId: string,
  fields: string,
): Promise<Run> {
  for (let i = 0; i < 300; i += 1) {
    const history = await stack.sg.graphql<{ ehrSyncHistory: { runs: Run[] } }>(
      `query H($id: ID!) { ehrSyncHistory(connectionId: $id, first: 50) { runs { ${fields} } } }`,
      { id: connectionId },
      { token },
    );
    const run = history.body.data?.ehrSyncHistory.runs.find((candidate) => candidate.id === runId);
    if (run && run.status !== 'QUEUED' && run.status !== 'RUNNING') return run;
    await sleep(100);
  }
  throw new Error(`run ${runId} did not finish`);
}

/** An ehr-worker in this process on the stack's database, Redis and keys, writing blobs under `blobDir`. */
export function startSyncWorker(
  stack: EhrTestStack,
  blobDir: string,
  env: Record<string, string> = {},
): Promise<RunningWorker> {
  return runWorker(ehrSyncWorker, {
    ...stack.env,
    DATABASE_URL: String((stack.sg.dataSource.options as { url: string }).url),
    REDIS_URL: stack.sg.redisUrl,
    BLOB_STORE_DIR: blobDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
}
