import { Operator } from '@medplum/core';
import smart from 'fhirclient/lib/entry/node';
import type { Condition, Patient } from '@medplum/fhirtypes';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoHospitalConfig } from '../src/config';
import { type RunningDemoHospital, startDemoHospital } from '../src/demo-hospital-server';

/** fhirclient's server storage contract, kept in memory for one app instance. */
const session = new Map<string, unknown>();
const storage = {
  get: (key: string) => Promise.resolve(session.get(key)),
  set: (key: string, value: unknown) => Promise.resolve(session.set(key, value) && value),
  unset: (key: string) => Promise.resolve(session.delete(key)),
};

let hospital: RunningDemoHospital;
let app: Server;
let appOrigin: string;

beforeAll(async () => {
  hospital = await startDemoHospital(loadDemoHospitalConfig({ PORT: '0', DEMO_HOSPITAL_PATIENTS: '1' }));
  // A minimal SMART app: /launch starts the standalone launch, /callback finishes it and reads the record.
  app = createServer((req, res) => {
    const work = req.url?.startsWith('/launch')
      ? smart(req, res, storage).authorize({
          iss: hospital.fhirBaseUrl,
          clientId: 'holovitals',
          scope: 'launch/patient openid fhirUser offline_access patient/*.rs',
          redirectUri: `${appOrigin}/callback`,
          pkceMode: 'required',
        })
      : smart(req, res, storage)
          .ready()
          .then(async (client) => {
            const patient = await client.request<Patient>(`Patient/${client.patient.id ?? ''}`);
            const conditions = await client.request<Condition[]>(
              `Condition?patient=${client.patient.id ?? ''}&_count=2`,
              {
                pageLimit: 0,
                flat: true,
              },
            );
            res.end(
              JSON.stringify({
                patient: patient.id,
                conditions: conditions.length,
                refresh: Boolean(client.state.tokenResponse?.refresh_token),
              }),
            );
          });
    Promise.resolve(work).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => app.close(done));
  await hospital.stop();
});

describe('a maintained SMART client (fhirclient) against Demo Hospital', () => {
  it('completes the standalone launch with PKCE and pages through a search', async () => {
    const launch = await fetch(`${appOrigin}/launch`, { redirect: 'manual' });
    const authorize = new URL(launch.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const consent = new URLSearchParams(authorize.searchParams);
    consent.set('decision', 'allow');
    consent.set('patient', hospital.store.patients[0]?.id ?? '');
    const decided = await fetch(`${authorize.origin}${authorize.pathname}`, {
      method: 'POST',
      body: consent,
      redirect: 'manual',
    });
    const callback = await fetch(decided.headers.get('location') ?? '');
    const result = (await callback.json()) as { patient: string; conditions: number; refresh: boolean };
    const expected = await hospital.store.repository.search({
      resourceType: 'Condition',
      filters: [
        { code: 'patient', operator: Operator.EQUALS, value: `Patient/${hospital.store.patients[0]?.id}` },
      ],
    });
    expect(result).toEqual({
      patient: hospital.store.patients[0]?.id,
      conditions: expected.total,
      refresh: true,
    });
  });
});
