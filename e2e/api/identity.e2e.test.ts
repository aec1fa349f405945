import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { verificationTokenFor } from '../setup/mail';

const stack = inject('stack');
const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
  graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });

const LOGIN =
  'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id roles } } }';

describe('identity through the gateway', () => {
  it('register → verifyEmail → login → me → refresh → logout', async () => {
    const email = `e2e-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'e2e password 123';
    const registered = await gql<{ register: { id: string } }>(
      'mutation R($i: RegisterInput!) { register(input: $i) { id emailVerified } }',
      {
        i: { email, password, displayName: 'E2E' },
      },
    );
    expect(registered.body.errors).toBeUndefined();

    const token = await verificationTokenFor(stack.mailUrl, email);
    const verified = await gql<{ verifyEmail: { emailVerified: boolean } }>(
      'mutation V($t: String!) { verifyEmail(token: $t) { emailVerified } }',
      { t: token },
    );
    expect(verified.body.data?.verifyEmail.emailVerified).toBe(true);

    const login = await gql<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, {
      e: email,
      p: password,
    });
    const { accessToken, refreshToken } = login.body.data!.login;
    const me = await gql<{ me: { id: string; email: string; emailVerified: boolean } }>(
      '{ me { id email emailVerified } }',
      {},
      accessToken,
    );
    expect(me.body.data?.me).toEqual({ id: registered.body.data!.register.id, email, emailVerified: true });

    const refreshed = await gql<{ refreshSession: { accessToken: string } }>(
      'mutation F($r: String!) { refreshSession(refreshToken: $r) { accessToken } }',
      { r: refreshToken },
    );
    const fresh = refreshed.body.data!.refreshSession.accessToken;
    expect((await gql('mutation { logout }', {}, fresh)).body.data).toEqual({ logout: true });
    const afterLogout = await gql('{ me { id } }', {}, fresh);
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.errors?.[0]?.extensions?.reason).toBe('session_revoked');
  });

  it('signs in the demo accounts with their roles', async () => {
    for (const [email, role] of [
      ['patient@demo.holovitals.local', 'PATIENT'],
      ['clinician@demo.holovitals.local', 'CLINICIAN'],
      ['admin@demo.holovitals.local', 'ADMIN'],
    ] as const) {
      const login = await gql<{ login: { user: { roles: string[] } } }>(LOGIN, {
        e: email,
        p: stack.demoPassword,
      });
      expect(login.body.data?.login.user.roles).toEqual([role]);
    }
  });

  it('lets an admin create partner credentials that exchange for a scoped token', async () => {
    const admin = await gql<{ login: { accessToken: string } }>(LOGIN, {
      e: 'admin@demo.holovitals.local',
      p: stack.demoPassword,
    });
    const created = await gql<{
      createServiceClient: { client: { clientId: string }; clientSecret: string };
    }>(
      'mutation C($i: CreateServiceClientInput!) { createServiceClient(input: $i) { client { clientId scopes } clientSecret } }',
      { i: { name: 'Partner lab', scopes: ['terminology.read'] } },
      admin.body.data!.login.accessToken,
    );
    const { client, clientSecret } = created.body.data!.createServiceClient;
    const exchanged = await gql<{ exchangeClientCredentials: { accessToken: string; scopes: string[] } }>(
      'mutation X($id: String!, $s: String!) { exchangeClientCredentials(clientId: $id, clientSecret: $s) { accessToken scopes } }',
      { id: client.clientId, s: clientSecret },
    );
    expect(exchanged.body.data?.exchangeClientCredentials.scopes).toEqual(['terminology.read']);
    const partnerMe = await gql(
      '{ me { id } }',
      {},
      exchanged.body.data!.exchangeClientCredentials.accessToken,
    );
    expect(partnerMe.body).toEqual({ data: { me: null } });

    const patient = await gql<{ login: { accessToken: string } }>(LOGIN, {
      e: 'patient@demo.holovitals.local',
      p: stack.demoPassword,
    });
    const denied = await gql(
      'mutation C($i: CreateServiceClientInput!) { createServiceClient(input: $i) { clientSecret } }',
      { i: { name: 'x', scopes: ['terminology.read'] } },
      patient.body.data!.login.accessToken,
    );
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
