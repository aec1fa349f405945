import {
  loadDemoHospitalConfig,
  type RunningDemoHospital,
  startDemoHospital,
} from '@holovitals/demo-hospital';
import type { RunningWorker } from '@holovitals/worker-runtime';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMART_V2_SCOPES } from '../src/connections/requested-scopes';
import { registerPublicClient } from '../src/providers/client-registration';
import {
  addDemoHospital,
  connectDemoPatient,
  connectEhr,
  type EhrTestStack,
  finishedRun,
  startEhrTestStack,
  startSyncWorker,
} from './ehr-test-stack';

// Dynamic registration accepts plain http only on loopback, as Demo Hospital requires of a redirect URI.
const APP_ORIGIN = 'http://localhost:3000';

interface Provider {
  id: string;
  clientIdSource: string;
}

let stack: EhrTestStack;
let worker: RunningWorker;
let blobDir: string;
const extraHospitals: RunningDemoHospital[] = [];

beforeAll(async () => {
  stack = await startEhrTestStack({ env: { EHR_APP_ORIGIN: APP_ORIGIN } });
  blobDir = await mkdtemp(join(tmpdir(), 'ehr-registration-'));
  worker = await startSyncWorker(stack, blobDir);
});

afterAll(async () => {
  await worker.stop();
  await stack.stop();
  await Promise.all(extraHospitals.map((hospital) => hospital.stop()));
  await rm(blobDir, { recursive: true, force: true });
});

async function anotherHospital(env: Record<string, string>): Promise<RunningDemoHospital> {
  const hospital = await startDemoHospital(
    loadDemoHospitalConfig({ PORT: '0', DEMO_HOSPITAL_PATIENTS: '1', ...env }),
  );
  extraHospitals.push(hospital);
  return hospital;
}

async function addProvider(url: string, token: string) {
  return stack.sg.graphql<{ addEhrProvider: Provider }>(
    'mutation Add($url: String!) { addEhrProvider(fhirBaseUrl: $url) { id clientIdSource } }',
    { url },
    { token },
  );
}

const storedProviders = () =>
  stack.sg.dataSource.query<
    { id: string; clientId: string | null; clientIdSource: string; registeredRedirectUris: string[] }[]
  >(`SELECT id, "clientId", "clientIdSource", "registeredRedirectUris" FROM ehr_provider`);

describe('addEhrProvider with dynamic client registration (RFC 7591)', () => {
  it('registers at Demo Hospital, then connects, completes and syncs with the registered client', async () => {
    const token = await stack.patientToken();
    const providerId = await addDemoHospital(stack, token, null);
    const [stored] = (await storedProviders()).filter((provider) => provider.id === providerId);
    expect(stored).toMatchObject({
      clientIdSource: 'REGISTERED',
      registeredRedirectUris: [`${APP_ORIGIN}/ehr/callback`],
    });
    expect(stored?.clientId).not.toBe('holovitals');
    expect(stack.hospital.clients.isKnown(stored?.clientId ?? '')).toBe(true);

    // The same URL again: the provider is returned, no second registration.
    const again = await addProvider(stack.hospital.fhirBaseUrl, token);
    expect(again.body.data?.addEhrProvider).toEqual({ id: providerId, clientIdSource: 'REGISTERED' });
    expect(await storedProviders()).toHaveLength(1);

    const started = await connectEhr(stack, token, providerId);
    const authorizeUrl = new URL(started.body.data?.connectEhr.authorizeUrl ?? '');
    expect(authorizeUrl.searchParams.get('client_id')).toBe(stored?.clientId);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${APP_ORIGIN}/ehr/callback`);

    // Another page of the app is on the right origin but not registered: refused before the hospital is asked.
    const elsewhere = await connectEhr(stack, token, providerId, `${APP_ORIGIN}/settings`);
    expect(elsewhere.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REDIRECT_URI_NOT_ALLOWED',
    });

    const connectionId = await connectDemoPatient(stack, token, providerId);
    const synced = await stack.sg.graphql<{ syncEhr: { id: string } }>(
      'mutation S($id: ID!) { syncEhr(connectionId: $id) { id } }',
      { id: connectionId },
      { token },
    );
    const run = await finishedRun<{ id: string; status: string; resourceCount: number; errors: string[] }>(
      stack,
      token,
      connectionId,
      synced.body.data?.syncEhr.id ?? '',
      'id status resourceCount errors',
    );
    expect(run).toMatchObject({ status: 'FETCHED', errors: [] });
    expect(run.resourceCount).toBeGreaterThan(0);
  });

  it('refuses with the server’s reason and writes nothing when the registration is refused', async () => {
    const token = await stack.patientToken();
    const full = await anotherHospital({ DEMO_HOSPITAL_MAX_REGISTRATIONS: '1' });
    full.clients.register({ redirect_uris: ['https://someone.example/cb'] });
    const before = await storedProviders();
    const refused = await addProvider(full.fhirBaseUrl, token);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REGISTRATION_REFUSED',
    });
    expect(refused.body.errors?.[0]?.message).toContain('This server registers no more clients.');
    expect(await storedProviders()).toEqual(before);
  });

  it('passes on the server’s error_description for refused metadata', async () => {
    const registrationUrl = `${new URL(stack.hospital.fhirBaseUrl).origin}/oauth/register`;
    await expect(
      registerPublicClient(
        registrationUrl,
        { redirectUri: 'http://app.example/ehr/callback', scope: SMART_V2_SCOPES },
        { timeoutMs: 5000, allowPrivateNetwork: true },
      ),
    ).rejects.toMatchObject({
      code: 'REGISTRATION_REFUSED',
      message: expect.stringContaining('absolute https URL') as string,
    });
  });

  it('keeps a registration endpoint on a private network out of reach unless allowed', async () => {
    const registrationUrl = `${new URL(stack.hospital.fhirBaseUrl).origin}/oauth/register`;
    await expect(
      registerPublicClient(
        registrationUrl,
        { redirectUri: `${APP_ORIGIN}/ehr/callback`, scope: SMART_V2_SCOPES },
        { timeoutMs: 5000, allowPrivateNetwork: false },
      ),
    ).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
  });

  it('uses the default client id for a server without registration', async () => {
    const token = await stack.patientToken();
    const closed = await anotherHospital({ DEMO_HOSPITAL_MAX_REGISTRATIONS: '0' });
    const added = await addProvider(closed.fhirBaseUrl, token);
    expect(added.body.data?.addEhrProvider.clientIdSource).toBe('DEFAULT');
    const started = await connectEhr(stack, token, added.body.data?.addEhrProvider.id ?? '');
    expect(new URL(started.body.data?.connectEhr.authorizeUrl ?? '').searchParams.get('client_id')).toBe(
      'holovitals',
    );
  });
});
