import type { Bundle, Condition, Observation } from '@medplum/fhirtypes';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkExportError, BulkExports } from '../src/bulk-export';
import { loadDemoHospitalConfig } from '../src/config';
import { type RunningDemoHospital, startDemoHospital } from '../src/demo-hospital-server';

const APP_CALLBACK = 'http://localhost:3000/ehr/callback';
const SCOPE = 'launch/patient openid fhirUser offline_access patient/*.rs patient/Condition.write';

let hospital: RunningDemoHospital;
let origin: string;

beforeAll(async () => {
  hospital = await startDemoHospital(loadDemoHospitalConfig({ PORT: '0', DEMO_HOSPITAL_PATIENTS: '1' }));
  origin = new URL(hospital.fhirBaseUrl).origin;
});
afterAll(async () => {
  await hospital.stop();
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeParams(challenge: string, state = 'state-1'): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: 'holovitals',
    redirect_uri: APP_CALLBACK,
    scope: SCOPE,
    state,
    aud: hospital.fhirBaseUrl,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
}

/** What a browser does on the consent page: post the echoed request with the user's decision. */
async function decide(challenge: string, decision: 'allow' | 'deny'): Promise<URL> {
  const form = authorizeParams(challenge);
  form.set('decision', decision);
  form.set('patient', hospital.store.patients[0]?.id ?? '');
  const response = await fetch(`${origin}/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function token(
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: 'holovitals', ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function signIn(): Promise<Record<string, string>> {
  const { verifier, challenge } = pkce();
  const code = (await decide(challenge, 'allow')).searchParams.get('code') ?? '';
  const result = await token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: APP_CALLBACK,
    code_verifier: verifier,
  });
  expect(result.status).toBe(200);
  return result.body;
}

async function fhir<T>(
  path: string,
  accessToken: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(path.startsWith('http') ? path : `${hospital.fhirBaseUrl}/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('Demo Hospital (SMART on FHIR R4 server)', () => {
  it('advertises SMART configuration with PKCE S256 and its endpoints', async () => {
    const response = await fetch(`${hospital.fhirBaseUrl}/.well-known/smart-configuration`);
    const configuration = (await response.json()) as Record<string, unknown>;
    expect(configuration).toMatchObject({
      authorization_endpoint: `${origin}/oauth/authorize`,
      token_endpoint: `${origin}/oauth/token`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('shows a consent page naming the app, the scopes and the patient', async () => {
    const page = await fetch(`${origin}/oauth/authorize?${authorizeParams(pkce().challenge).toString()}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('holovitals');
    expect(html).toContain('patient/*.rs');
    expect(html).toContain(hospital.store.patients[0]?.name ?? '?');
  });

  it('refuses an authorize request without PKCE or from an unknown client, without redirecting', async () => {
    const noPkce = authorizeParams('');
    const unknownClient = authorizeParams(pkce().challenge);
    unknownClient.set('client_id', 'intruder');
    for (const params of [noPkce, unknownClient]) {
      const response = await fetch(`${origin}/oauth/authorize?${params.toString()}`, { redirect: 'manual' });
      expect(response.status).toBe(400);
    }
  });

  it('redirects with access_denied and the state when the patient denies', async () => {
    const back = await decide(pkce().challenge, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-1');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('issues tokens for a code with the right PKCE verifier, once; a wrong verifier fails', async () => {
    const { verifier, challenge } = pkce();
    const code = (await decide(challenge, 'allow')).searchParams.get('code') ?? '';
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP_CALLBACK,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const replayAfterFailure = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP_CALLBACK,
      code_verifier: verifier,
    });
    expect(replayAfterFailure.status).toBe(400);

    const tokens = await signIn();
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 300,
      patient: hospital.store.patients[0]?.id,
    });
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('serves only the authorized patient, pages with link[next] and filters by _lastUpdated', async () => {
    const tokens = await signIn();
    const accessToken = tokens.access_token ?? '';
    const all: string[] = [];
    let next: string | undefined = 'Observation?_count=40';
    let pages = 0;
    while (next) {
      const page: { status: number; body: Bundle<Observation> } = await fhir<Bundle<Observation>>(
        next,
        accessToken,
      );
      expect(page.status).toBe(200);
      for (const entry of page.body.entry ?? []) {
        expect(entry.resource?.subject?.reference).toBe(`Patient/${tokens.patient}`);
        all.push(entry.resource?.id ?? '');
      }
      next = page.body.link?.find((link) => link.relation === 'next')?.url;
      pages += 1;
    }
    const total = (await fhir<Bundle>('Observation?_count=1', accessToken)).body.total ?? 0;
    expect(total).toBeGreaterThan(40);
    expect(pages).toBe(Math.ceil(total / 40));
    expect(new Set(all).size).toBe(total);

    const before = new Date().toISOString();
    const conditions = await fhir<Bundle<Condition>>('Condition?_count=1', accessToken);
    const condition = conditions.body.entry?.[0]?.resource as Condition;
    const edited = await fhir<Condition>(`Condition/${condition.id}`, accessToken, {
      method: 'PUT',
      body: JSON.stringify({ ...condition, note: [{ text: 'Edited at the hospital' }] }),
    });
    expect(edited.status).toBe(200);
    const changed = await fhir<Bundle<Condition>>(`Condition?_lastUpdated=gt${before}`, accessToken);
    expect(changed.body.entry?.map((entry) => entry.resource?.id)).toEqual([condition.id]);
    expect(
      (await fhir<Bundle>(`Observation?_lastUpdated=gt${before}`, accessToken)).body.entry,
    ).toBeUndefined();

    const otherPatient = await fhir('Patient/not-this-patient', accessToken);
    expect(otherPatient.status).toBe(404);
  });

  it('expires access tokens (401), refreshes with a rotating refresh token, and refuses a used one', async () => {
    const main = hospital;
    hospital = await startDemoHospital(
      loadDemoHospitalConfig({
        PORT: '0',
        DEMO_HOSPITAL_PATIENTS: '1',
        DEMO_HOSPITAL_ACCESS_TOKEN_SECONDS: '1',
      }),
    );
    origin = new URL(hospital.fhirBaseUrl).origin;
    try {
      const tokens = await signIn();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await fhir(`Patient/${tokens.patient}`, tokens.access_token ?? '')).status).toBe(401);
      const refreshed = await token({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      });
      expect(refreshed.status).toBe(200);
      expect((await fhir(`Patient/${tokens.patient}`, refreshed.body.access_token ?? '')).status).toBe(200);
      const reused = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
      expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    } finally {
      await hospital.stop();
      hospital = main;
      origin = new URL(hospital.fhirBaseUrl).origin;
    }
  });

  it('refuses reads outside the token scopes', async () => {
    const tokens = await signIn();
    const write = await fhir('Observation', tokens.access_token ?? '', {
      method: 'POST',
      body: JSON.stringify({
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: `Patient/${tokens.patient}` },
      }),
    });
    expect(write.status).toBe(403);
  });
});

describe('Demo Hospital Bulk Data $export', () => {
  async function exportManifest(
    accessToken: string,
    query: string,
  ): Promise<{ output: { type: string; url: string; count: number }[] }> {
    const kickOff = await fetch(`${hospital.fhirBaseUrl}/Patient/$export${query}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        prefer: 'respond-async',
        accept: 'application/fhir+json',
      },
    });
    expect(kickOff.status).toBe(202);
    const statusUrl = kickOff.headers.get('content-location') ?? '';
    for (;;) {
      const status = await fetch(statusUrl, { headers: { authorization: `Bearer ${accessToken}` } });
      if (status.status === 200)
        return (await status.json()) as { output: { type: string; url: string; count: number }[] };
      expect(status.status).toBe(202);
      expect(Number(status.headers.get('retry-after'))).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('exports the patient record as NDJSON per type, and only what changed after _since', async () => {
    const tokens = await signIn();
    const accessToken = tokens.access_token ?? '';
    const manifest = await exportManifest(accessToken, '?_type=Patient,Condition,Observation');
    expect(manifest.output.map((file) => file.type)).toEqual(['Patient', 'Condition', 'Observation']);
    const observations = manifest.output.find((file) => file.type === 'Observation');
    const ndjson = await (
      await fetch(observations?.url ?? '', { headers: { authorization: `Bearer ${accessToken}` } })
    ).text();
    const lines = ndjson.trim().split('\n');
    expect(lines).toHaveLength(observations?.count ?? -1);
    expect((JSON.parse(lines[0] ?? '{}') as Observation).subject?.reference).toBe(
      `Patient/${tokens.patient}`,
    );
    expect((await fetch(observations?.url ?? '')).status).toBe(401);

    const since = new Date().toISOString();
    const conditions = await fhir<Bundle<Condition>>('Condition?_count=1', accessToken);
    const condition = conditions.body.entry?.[0]?.resource as Condition;
    await fhir(`Condition/${condition.id}`, accessToken, {
      method: 'PUT',
      body: JSON.stringify({ ...condition, note: [{ text: 'Edited again' }] }),
    });
    const incremental = await exportManifest(accessToken, `?_since=${encodeURIComponent(since)}`);
    expect(incremental.output).toEqual([expect.objectContaining({ type: 'Condition', count: 1 })]);
  });

  it('refuses a kick-off without Prefer: respond-async', async () => {
    const tokens = await signIn();
    const response = await fetch(`${hospital.fhirBaseUrl}/Patient/$export`, {
      headers: { authorization: `Bearer ${tokens.access_token ?? ''}` },
    });
    expect(response.status).toBe(400);
  });

  it('advertises the patient export operation in its CapabilityStatement', async () => {
    const metadata = (await (await fetch(`${hospital.fhirBaseUrl}/metadata`)).json()) as {
      rest: { resource: { type: string; operation: { name: string; definition: string }[] }[] }[];
    };
    expect(metadata.rest[0]?.resource.find((resource) => resource.type === 'Patient')?.operation).toEqual([
      { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
    ]);
  });

  it('exports through Patient/[id]/$export for the token’s own patient only, and validates the parameters', async () => {
    const tokens = await signIn();
    const kickOff = (path: string, prefer = 'respond-async') =>
      fetch(`${hospital.fhirBaseUrl}/${path}`, {
        headers: { authorization: `Bearer ${tokens.access_token ?? ''}`, prefer },
      });
    const own = await kickOff(`Patient/${tokens.patient}/$export?_outputFormat=application%2Ffhir%2Bndjson`);
    expect(own.status).toBe(202);
    expect(own.headers.get('content-location')).toMatch(/\/bulk-status\//);
    expect((await kickOff('Patient/someone-else/$export')).status).toBe(404);
    expect((await kickOff('Patient/$export?_outputFormat=text%2Fcsv')).status).toBe(400);
    expect((await kickOff('Patient/$export?_since=yesterday')).status).toBe(400);
    expect((await kickOff('Patient/$export?_type=Practitioner')).status).toBe(400);
    expect((await kickOff('Patient/$export?_typeFilter=Condition%3Fcode%3D1')).status).toBe(400);
    expect(
      (await kickOff('Patient/$export?_typeFilter=Condition%3Fcode%3D1', 'respond-async, handling=lenient'))
        .status,
    ).toBe(202);
  });
});

describe('Demo Hospital Bulk Data jobs over time', () => {
  const grant = () => ({
    clientId: 'holovitals',
    patientId: hospital.store.patients[0]?.id ?? '',
    scopes: ['patient/*.rs'],
  });

  async function settled(exports: BulkExports, id: string): Promise<void> {
    for (let i = 0; i < 200 && !exports.status(id, grant(), 'http://h/fhir').ready; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('reports progress while it runs, and its files expire after their lifetime', async () => {
    let clock = Date.now();
    const exports = new BulkExports(hospital.store, {
      retryAfterSeconds: 3,
      minSeconds: 0.2,
      fileSeconds: 60,
      now: () => clock,
    });
    const id = exports.kickOff(grant(), new URLSearchParams({ _type: 'Patient,Condition' }), 'x', false);
    expect(exports.status(id, grant(), 'http://h/fhir')).toEqual({
      ready: false,
      retryAfter: 3,
      progress: '0 of 2 resource types',
    });
    clock += 1000;
    await settled(exports, id);
    const done = exports.status(id, grant(), 'http://h/fhir');
    expect(done.ready && done.manifest['output']).toHaveLength(2);
    expect(exports.file(id, 'Patient', grant())).toMatch(/"resourceType":"Patient"/);
    clock += 61_000;
    expect(() => exports.file(id, 'Patient', grant())).toThrow(/expired/);
    expect(() => exports.status(id, grant(), 'http://h/fhir')).toThrow(/Unknown/);
  });

  it('cancels a running job on DELETE: its status and files answer 404 from then on', async () => {
    const exports = new BulkExports(hospital.store, { retryAfterSeconds: 1, minSeconds: 5, fileSeconds: 60 });
    const id = exports.kickOff(grant(), new URLSearchParams(), 'x', false);
    exports.delete(id, grant());
    expect(() => exports.status(id, grant(), 'http://h/fhir')).toThrow(BulkExportError);
    expect(() => exports.file(id, 'Patient', grant())).toThrow(BulkExportError);
    const other = { ...grant(), patientId: 'someone-else' };
    const mine = exports.kickOff(grant(), new URLSearchParams(), 'x', false);
    expect(() => exports.status(mine, other, 'http://h/fhir')).toThrow(/Unknown/);
    exports.delete(mine, grant());
  });
});
