import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoHospitalConfig } from '../src/config';
import { type RunningDemoHospital, startDemoHospital } from '../src/demo-hospital-server';

const CALLBACK = 'http://localhost:3000/ehr/callback';
const SCOPE = 'launch/patient openid fhirUser offline_access patient/*.rs';

let hospital: RunningDemoHospital;
let origin: string;

beforeAll(async () => {
  hospital = await startDemoHospital(
    loadDemoHospitalConfig({ PORT: '0', DEMO_HOSPITAL_PATIENTS: '1', DEMO_HOSPITAL_MAX_REGISTRATIONS: '3' }),
  );
  origin = new URL(hospital.fhirBaseUrl).origin;
});
afterAll(async () => {
  await hospital.stop();
});

async function register(
  metadata: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof metadata === 'string' ? metadata : JSON.stringify(metadata),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function authorizeQuery(clientId: string, redirectUri: string, challenge: string): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: SCOPE,
    state: 'state-1',
    aud: hospital.fhirBaseUrl,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
}

describe('Demo Hospital dynamic client registration (RFC 7591)', () => {
  it('advertises its registration endpoint in the SMART configuration', async () => {
    const configuration = (await (
      await fetch(`${hospital.fhirBaseUrl}/.well-known/smart-configuration`)
    ).json()) as Record<string, unknown>;
    expect(configuration['registration_endpoint']).toBe(`${origin}/oauth/register`);
  });

  it('registers a public client that then signs a patient in like the built-in one, on its own redirect URI only', async () => {
    const registered = await register({
      client_name: 'HoloVitals',
      redirect_uris: [CALLBACK],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
      scope: SCOPE,
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      client_name: 'HoloVitals',
      redirect_uris: [CALLBACK],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const clientId = String(registered.body['client_id']);
    expect(typeof registered.body['client_id_issued_at']).toBe('number');

    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const elsewhere = await fetch(
      `${origin}/oauth/authorize?${authorizeQuery(clientId, 'http://localhost:3000/other', challenge).toString()}`,
      { redirect: 'manual' },
    );
    expect(elsewhere.status).toBe(400);

    const query = authorizeQuery(clientId, CALLBACK, challenge);
    expect((await fetch(`${origin}/oauth/authorize?${query.toString()}`)).status).toBe(200);
    query.set('decision', 'allow');
    query.set('patient', hospital.store.patients[0]?.id ?? '');
    const decided = await fetch(`${origin}/oauth/authorize`, {
      method: 'POST',
      body: query,
      redirect: 'manual',
    });
    const code = new URL(decided.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await fetch(`${origin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      }),
    });
    const body = (await tokens.json()) as Record<string, string>;
    expect(tokens.status).toBe(200);
    expect(body.refresh_token).toBeTruthy();
    const refreshed = await fetch(`${origin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: body.refresh_token ?? '',
      }),
    });
    expect(refreshed.status).toBe(200);
  });

  it('refuses the refresh grant to a client that did not register it', async () => {
    const registered = await register({ redirect_uris: [CALLBACK] });
    const refused = await fetch(`${origin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: String(registered.body['client_id']),
        refresh_token: 'anything',
      }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('answers bad metadata with 400 and the RFC 7591 error code, registering nothing', async () => {
    expect(await register({ redirect_uris: ['http://evil.example/cb'] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_redirect_uri' },
    });
    expect(
      await register({ redirect_uris: [CALLBACK], token_endpoint_auth_method: 'private_key_jwt' }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata' } });
    expect(await register('{"redirect_uris": [')).toMatchObject({
      status: 400,
      body: { error: 'invalid_client_metadata' },
    });
    expect(await register({ redirect_uris: [CALLBACK] }, 'application/x-www-form-urlencoded')).toMatchObject({
      status: 400,
      body: { error: 'invalid_client_metadata' },
    });
  });

  it('stops at its registration limit with 503', async () => {
    // Two registered above; the third fills the limit of 3.
    expect((await register({ redirect_uris: [CALLBACK] })).status).toBe(201);
    expect(await register({ redirect_uris: [CALLBACK] })).toMatchObject({
      status: 503,
      body: { error: 'temporarily_unavailable' },
    });
  });

  it('offers no registration when its limit is 0', async () => {
    const closed = await startDemoHospital(
      loadDemoHospitalConfig({
        PORT: '0',
        DEMO_HOSPITAL_PATIENTS: '1',
        DEMO_HOSPITAL_MAX_REGISTRATIONS: '0',
      }),
    );
    try {
      const configuration = (await (
        await fetch(`${closed.fhirBaseUrl}/.well-known/smart-configuration`)
      ).json()) as Record<string, unknown>;
      expect(configuration).not.toHaveProperty('registration_endpoint');
      const response = await fetch(`${new URL(closed.fhirBaseUrl).origin}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [CALLBACK] }),
      });
      expect(response.status).toBe(404);
    } finally {
      await closed.stop();
    }
  });
});
