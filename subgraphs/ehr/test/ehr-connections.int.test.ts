import { Role } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientState } from '../src/connections/connection-state';
import {
  addDemoHospital,
  APP_ORIGIN,
  completeEhrConnection,
  connectEhr,
  decideAtHospital,
  type EhrTestStack,
  startEhrTestStack,
} from './ehr-test-stack';

let stack: EhrTestStack;
let token: string;
let providerId: string;
let hospitalPatient: string;

beforeAll(async () => {
  stack = await startEhrTestStack();
  token = await stack.patientToken();
  providerId = await addDemoHospital(stack, token);
  hospitalPatient = stack.hospital.store.patients[0]?.id ?? '';
});

afterAll(async () => {
  await stack.stop();
});

const pendingCount = async (): Promise<number> =>
  Number(
    (
      await stack.sg.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM ehr_authorization_request')
    )[0]?.n,
  );

describe('ehr subgraph: connecting a provider (SMART standalone launch through fhirclient)', () => {
  it('builds an authorize URL with PKCE S256, state, v2 scopes and the app’s callback', async () => {
    const started = await connectEhr(stack, token, providerId);
    const authorization = started.body.data?.connectEhr;
    const url = new URL(authorization?.authorizeUrl ?? '');
    expect(url.origin + url.pathname).toBe(stack.hospital.fhirBaseUrl.replace(/\/fhir$/, '/oauth/authorize'));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'holovitals',
      redirect_uri: `${APP_ORIGIN}/ehr/callback`,
      aud: stack.hospital.fhirBaseUrl,
      state: authorization?.state,
      code_challenge_method: 'S256',
      scope: 'launch/patient openid fhirUser offline_access patient/*.rs',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    // The PKCE verifier is stored sealed, never in clear.
    const rows = await stack.sg.dataSource.query<{ sealed_state: string }[]>(
      'SELECT sealed_state FROM ehr_authorization_request WHERE state = $1',
      [authorization?.state],
    );
    expect(rows[0]?.sealed_state).toMatch(/^hve1\./);
    expect(rows[0]?.sealed_state).not.toContain('codeVerifier');
  });

  it('connects after the patient allows: tokens sealed at rest, state single use, code single use', async () => {
    const user = randomUUID();
    const own = await stack.patientToken(user);
    const authorization = (await connectEhr(stack, own, providerId)).body.data?.connectEhr;
    const back = await decideAtHospital(authorization?.authorizeUrl ?? '', 'allow', hospitalPatient);
    expect(back.origin).toBe(APP_ORIGIN);
    const state = back.searchParams.get('state') ?? '';
    const code = back.searchParams.get('code') ?? '';
    expect(state).toBe(authorization?.state);

    const done = await completeEhrConnection(stack, own, state, code);
    expect(done.body.errors).toBeUndefined();
    const connection = done.body.data?.completeEhrConnection;
    expect(connection).toMatchObject({ status: 'ACTIVE', fhirPatientId: hospitalPatient });
    expect(connection?.scopesGranted).toEqual(expect.arrayContaining(['offline_access', 'patient/*.rs']));

    const stored = await stack.sg.dataSource.query<{ sealed_state: string }[]>(
      'SELECT sealed_state FROM ehr_connection WHERE id = $1',
      [connection?.id],
    );
    const sealed = stored[0]?.sealed_state ?? '';
    const tokens = openClientState(stack.cipher, connection?.id ?? '', sealed).tokenResponse;
    expect(tokens?.access_token).toBeTruthy();
    expect(tokens?.refresh_token).toBeTruthy();
    expect(sealed).not.toContain(tokens?.access_token);
    expect(sealed).not.toContain(tokens?.refresh_token);
    expect(stack.hospital.authorization.verifyAccessToken(tokens?.access_token ?? '')).not.toBeNull();

    // The same callback again: the state was consumed.
    const replayed = await completeEhrConnection(stack, own, state, code);
    expect(replayed.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_STATE',
    });
    // The used code under a fresh state: the hospital refuses it.
    const fresh = (await connectEhr(stack, own, providerId)).body.data?.connectEhr;
    const reused = await completeEhrConnection(stack, own, fresh?.state ?? '', code);
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'AUTHORIZATION_REFUSED',
    });
    const listed = await stack.sg.graphql<{ ehrConnections: { id: string; provider: { name: string } }[] }>(
      '{ ehrConnections { id provider { name } } }',
      {},
      { token: own },
    );
    expect(listed.body.data?.ehrConnections).toEqual([
      { id: connection?.id, provider: { name: 'Demo Hospital' } },
    ]);
  });

  it('refuses a forged state and another user’s state (CSRF), writing no connection', async () => {
    const forged = await completeEhrConnection(stack, token, 'not-a-state-we-issued', 'code');
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_STATE',
    });

    const victim = (await connectEhr(stack, token, providerId)).body.data?.connectEhr;
    const back = await decideAtHospital(victim?.authorizeUrl ?? '', 'allow', hospitalPatient);
    const attacker = await stack.patientToken();
    const stolen = await completeEhrConnection(
      stack,
      attacker,
      back.searchParams.get('state') ?? '',
      back.searchParams.get('code') ?? '',
    );
    expect(stolen.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_STATE',
    });
    const listed = await stack.sg.graphql<{ ehrConnections: unknown[] }>(
      '{ ehrConnections { id } }',
      {},
      {
        token: attacker,
      },
    );
    expect(listed.body.data?.ehrConnections).toEqual([]);
  });

  it('refuses a redirect URI on another origin, writing nothing', async () => {
    const before = await pendingCount();
    for (const redirectUri of [
      'https://evil.example/ehr/callback',
      `${APP_ORIGIN}.evil.example/cb`,
      'not a url',
    ]) {
      const refused = await connectEhr(stack, token, providerId, redirectUri);
      expect(refused.body.errors?.[0]?.extensions, redirectUri).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'REDIRECT_URI_NOT_ALLOWED',
      });
    }
    expect(await pendingCount()).toBe(before);
  });

  it('brings a denial at the consent page back to the app as access_denied, with no code and no connection', async () => {
    const user = randomUUID();
    const own = await stack.patientToken(user);
    const authorization = (await connectEhr(stack, own, providerId)).body.data?.connectEhr;
    const back = await decideAtHospital(authorization?.authorizeUrl ?? '', 'deny', hospitalPatient);
    expect(back.origin).toBe(APP_ORIGIN);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(authorization?.state);
    expect(back.searchParams.has('code')).toBe(false);
    const listed = await stack.sg.graphql<{ ehrConnections: unknown[] }>(
      '{ ehrConnections { id } }',
      {},
      {
        token: own,
      },
    );
    expect(listed.body.data?.ehrConnections).toEqual([]);
  });

  it('lets only patients connect, and an unknown provider is NOT_FOUND', async () => {
    const clinician = await stack.issuer.token({ sub: randomUUID(), roles: [Role.CLINICIAN] });
    const refused = await connectEhr(stack, clinician, providerId);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await connectEhr(stack, token, randomUUID());
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await stack.sg.graphql('{ ehrConnections { id } }');
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('disconnects: revokes the tokens at the hospital and deletes them; another user cannot', async () => {
    const user = randomUUID();
    const own = await stack.patientToken(user);
    const authorization = (await connectEhr(stack, own, providerId)).body.data?.connectEhr;
    const back = await decideAtHospital(authorization?.authorizeUrl ?? '', 'allow', hospitalPatient);
    const connectionId =
      (
        await completeEhrConnection(
          stack,
          own,
          back.searchParams.get('state') ?? '',
          back.searchParams.get('code') ?? '',
        )
      ).body.data?.completeEhrConnection.id ?? '';
    const sealed = (
      await stack.sg.dataSource.query<{ sealed_state: string }[]>(
        'SELECT sealed_state FROM ehr_connection WHERE id = $1',
        [connectionId],
      )
    )[0]?.sealed_state;
    const accessToken =
      openClientState(stack.cipher, connectionId, sealed ?? '').tokenResponse?.access_token ?? '';

    const other = await stack.patientToken();
    const foreign = await stack.sg.graphql(
      'mutation D($id: ID!) { disconnectEhr(connectionId: $id) { connectionId } }',
      { id: connectionId },
      { token: other },
    );
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const done = await stack.sg.graphql<{ disconnectEhr: { connectionId: string; tokensRevoked: boolean } }>(
      'mutation D($id: ID!) { disconnectEhr(connectionId: $id) { connectionId tokensRevoked } }',
      { id: connectionId },
      { token: own },
    );
    expect(done.body.data?.disconnectEhr).toEqual({ connectionId, tokensRevoked: true });
    expect(stack.hospital.authorization.verifyAccessToken(accessToken)).toBeNull();
    const rows = await stack.sg.dataSource.query('SELECT id FROM ehr_connection WHERE id = $1', [
      connectionId,
    ]);
    expect(rows).toEqual([]);
  });
});
