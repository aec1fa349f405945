import { readGraphQLBody } from '@holovitals/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOGIN,
  ME,
  REFRESH,
  REGISTER,
  startIdentity,
  tokenFromMail,
  uniqueEmail,
  uniqueIp,
  type IdentityHarness,
} from './identity-harness';

const PASSWORD = 'correct horse 42';
let harness: IdentityHarness;

beforeAll(async () => {
  harness = await startIdentity({ LOGIN_ATTEMPTS_PER_MINUTE: '4', LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => harness.stop());

async function registerAndLogin(label: string) {
  const email = uniqueEmail(label);
  const ip = uniqueIp();
  await harness.identity.graphql(REGISTER, { input: { email, password: PASSWORD } });
  const login = await harness.identity.graphql<{ login: { accessToken: string; refreshToken: string } }>(
    LOGIN,
    { email, password: PASSWORD },
    { headers: { 'x-forwarded-for': ip } },
  );
  return { email, ip, ...login.body.data!.login };
}

describe('identity: registration and sign-in', () => {
  it('registers, confirms the emailed link, signs in and answers me', async () => {
    const email = uniqueEmail('flow');
    const registered = await harness.identity.graphql<{
      register: { id: string; emailVerified: boolean; roles: string[] };
    }>(REGISTER, {
      input: { email: email.toUpperCase(), password: PASSWORD, displayName: 'Ada' },
    });
    expect(registered.body.errors, JSON.stringify(registered.body.errors)).toBeUndefined();
    expect(registered.body.data?.register).toMatchObject({ emailVerified: false, roles: ['PATIENT'] });

    const mail = await harness.mailbox.waitFor(email);
    expect(mail.subject).toContain('Confirm');
    const verified = await harness.identity.graphql<{ verifyEmail: { emailVerified: boolean } }>(
      'mutation V($t: String!) { verifyEmail(token: $t) { emailVerified } }',
      { t: tokenFromMail(mail.text) },
    );
    expect(verified.body.data?.verifyEmail.emailVerified).toBe(true);

    const again = await harness.identity.graphql(
      'mutation V($t: String!) { verifyEmail(token: $t) { id } }',
      { t: tokenFromMail(mail.text) },
    );
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const login = await harness.identity.graphql<{ login: { accessToken: string; user: { email: string } } }>(
      LOGIN,
      { email, password: PASSWORD },
      { headers: { 'x-forwarded-for': uniqueIp() } },
    );
    expect(login.body.data?.login.user.email).toBe(email);
    const me = await harness.identity.graphql<{ me: { id: string; email: string; emailVerified: boolean } }>(
      ME,
      {},
      { token: login.body.data!.login.accessToken },
    );
    expect(me.body.data?.me).toMatchObject({
      id: registered.body.data!.register.id,
      email,
      emailVerified: true,
    });
  });

  it('answers a taken email like a free one, writes nothing and tells the owner by email', async () => {
    const taken = uniqueEmail('dup');
    await harness.identity.graphql(REGISTER, { input: { email: taken, password: PASSWORD } });
    await harness.mailbox.waitFor(taken);
    const usersBefore = await harness.identity.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    const hashOf = async (): Promise<string> =>
      (
        await harness.identity.dataSource.query('SELECT password_hash FROM app_user WHERE email = $1', [
          taken,
        ])
      )[0].password_hash;
    const hashBefore = await hashOf();

    const duplicate = await harness.identity.graphql<{ register: Record<string, unknown> }>(REGISTER, {
      input: { email: taken, password: 'another password 7' },
    });
    const free = await harness.identity.graphql<{ register: Record<string, unknown> }>(REGISTER, {
      input: { email: uniqueEmail('free'), password: PASSWORD },
    });
    expect(duplicate.body.errors).toBeUndefined();
    expect(Object.keys(duplicate.body.data!.register).sort()).toEqual(
      Object.keys(free.body.data!.register).sort(),
    );
    expect(duplicate.body.data?.register).toMatchObject({
      email: taken,
      emailVerified: false,
      roles: ['PATIENT'],
    });

    const usersAfter = await harness.identity.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    expect(usersAfter[0].n).toBe(usersBefore[0].n + 1);
    expect(await hashOf()).toBe(hashBefore);
    await expect
      .poll(() =>
        harness.mailbox.messages.some(
          (mail) => mail.to.includes(taken) && mail.subject === 'Your HoloVitals account',
        ),
      )
      .toBe(true);
  });

  it('rejects weak passwords without writing anything', async () => {
    const before = await harness.identity.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    for (const input of [
      { email: 'not-an-email', password: PASSWORD },
      { email: uniqueEmail('weak'), password: 'short1' },
      { email: uniqueEmail('weak'), password: 'onlyletterslong' },
    ]) {
      const response = await harness.identity.graphql(REGISTER, { input });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const after = await harness.identity.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    expect(after[0].n).toBe(before[0].n);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const { email } = await registerAndLogin('wrong');
    const ip = uniqueIp();
    const wrong = await harness.identity.graphql(
      LOGIN,
      { email, password: 'not the password 1' },
      { headers: { 'x-forwarded-for': ip } },
    );
    const unknown = await harness.identity.graphql(
      LOGIN,
      { email: uniqueEmail('nobody'), password: PASSWORD },
      { headers: { 'x-forwarded-for': ip } },
    );
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.body.errors?.[0]?.message).toBe(wrong.body.errors?.[0]?.message);
  });

  it('audits a sign-in as the user who signed in, and a refused one without an actor', async () => {
    const { email, accessToken } = await registerAndLogin('audited');
    const me = await harness.identity.graphql<{ me: { id: string } }>(ME, {}, { token: accessToken });
    const userId = me.body.data!.me.id;
    await harness.identity.graphql(
      LOGIN,
      { email, password: 'not the password 2' },
      { headers: { 'x-forwarded-for': uniqueIp() } },
    );
    const logins = (
      (await harness.identity.dataSource.query(
        `SELECT payload FROM event_outbox
          WHERE type = 'audit.recorded' AND payload->>'action' = 'login' AND payload->'entityIds' ? $1
          ORDER BY occurred_at`,
        [userId],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);
    expect(logins).toEqual([
      expect.objectContaining({ outcome: 'SUCCESS', actorId: userId, actorRoles: ['PATIENT'] }),
      expect.objectContaining({ outcome: 'DENIED', actorId: null, actorRoles: [] }),
    ]);
  });

  it('throttles repeated attempts for one email', async () => {
    const { email } = await registerAndLogin('throttle');
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await harness.identity.graphql(
        LOGIN,
        { email, password: 'wrong password 1' },
        { headers: { 'x-forwarded-for': uniqueIp() } },
      );
      codes.push(response.body.errors?.[0]?.extensions?.code);
    }
    expect(codes).toContain('RATE_LIMITED');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const email = uniqueEmail('lock');
    await harness.identity.graphql(REGISTER, { input: { email, password: PASSWORD } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await harness.identity.graphql(
        LOGIN,
        { email, password: 'wrong password 1' },
        { headers: { 'x-forwarded-for': uniqueIp() } },
      );
    }
    const locked = await harness.identity.graphql(
      LOGIN,
      { email, password: PASSWORD },
      { headers: { 'x-forwarded-for': uniqueIp() } },
    );
    expect(locked.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'account_locked',
    });
  });
});

describe('identity: sign-in failures and resends', () => {
  const lockedAnswer = (response: {
    body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  }) => {
    const error = response.body.errors?.[0];
    return { message: error?.message, code: error?.extensions?.code, reason: error?.extensions?.reason };
  };

  it('counts every one of parallel wrong passwords', async () => {
    const email = uniqueEmail('parallel');
    await harness.identity.graphql(REGISTER, { input: { email, password: PASSWORD } });
    // LOGIN_MAX_FAILURES is 3: three wrong passwords at once must lock the account.
    await Promise.all(
      [1, 2, 3].map(() =>
        harness.identity.graphql(
          LOGIN,
          { email, password: 'wrong password 1' },
          { headers: { 'x-forwarded-for': uniqueIp() } },
        ),
      ),
    );
    const [row] = await harness.identity.dataSource.query(
      'SELECT locked_until FROM app_user WHERE email = $1',
      [email],
    );
    expect(row.locked_until).not.toBeNull();
    const rightPassword = await harness.identity.graphql(
      LOGIN,
      { email, password: PASSWORD },
      { headers: { 'x-forwarded-for': uniqueIp() } },
    );
    expect(rightPassword.body.errors?.[0]?.extensions?.reason).toBe('account_locked');
  });

  it('locks an unknown email after as many failures as a real account, with the same answer', async () => {
    const answers = [];
    for (const email of [uniqueEmail('real'), uniqueEmail('nobody')]) {
      if (email.startsWith('real')) {
        await harness.identity.graphql(REGISTER, { input: { email, password: PASSWORD } });
      }
      const attempts = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const response = await harness.identity.graphql(
          LOGIN,
          { email, password: 'wrong password 1' },
          { headers: { 'x-forwarded-for': uniqueIp() } },
        );
        attempts.push(lockedAnswer(response));
      }
      answers.push(attempts);
    }
    const [real, unknown] = answers;
    expect(real?.map((answer) => answer.reason)).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'account_locked',
    ]);
    expect(unknown).toEqual(real);
  });

  it('throttles verification emails per address, for known and unknown addresses alike', async () => {
    const known = uniqueEmail('resend');
    await harness.identity.graphql(REGISTER, { input: { email: known, password: PASSWORD } });
    const RESEND = 'mutation R($email: String!) { resendVerificationEmail(email: $email) }';
    for (const email of [known, uniqueEmail('resend-nobody')]) {
      const codes = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const response = await harness.identity.graphql(
          RESEND,
          { email },
          { headers: { 'x-forwarded-for': uniqueIp() } },
        );
        codes.push(
          response.body.errors?.[0]?.extensions?.code ?? response.body.data?.resendVerificationEmail,
        );
      }
      // VERIFICATION_RESENDS_PER_HOUR is 3.
      expect(codes).toEqual([true, true, true, 'RATE_LIMITED']);
    }
    await expect
      .poll(() => harness.mailbox.messages.filter((mail) => mail.to.includes(known)).length)
      .toBe(4);
  });

  it('throttles verification emails per client address', async () => {
    const ip = uniqueIp();
    const codes = [];
    for (let attempt = 0; attempt < 16; attempt += 1) {
      const response = await harness.identity.graphql(
        'mutation R($email: String!) { resendVerificationEmail(email: $email) }',
        { email: uniqueEmail('spray') },
        { headers: { 'x-forwarded-for': ip } },
      );
      codes.push(response.body.errors?.[0]?.extensions?.code ?? 'OK');
    }
    expect(codes.slice(0, 15).every((code) => code === 'OK')).toBe(true);
    expect(codes[15]).toBe('RATE_LIMITED');
  });
});

describe('identity: sessions', () => {
  it('rotates refresh tokens and revokes the session when an old one is reused', async () => {
    const session = await registerAndLogin('rotate');
    const first = await harness.identity.graphql<{
      refreshSession: { refreshToken: string; accessToken: string };
    }>(REFRESH, { token: session.refreshToken });
    const rotated = first.body.data!.refreshSession;
    expect(rotated.refreshToken).not.toBe(session.refreshToken);

    const reuse = await harness.identity.graphql(REFRESH, { token: session.refreshToken });
    expect(reuse.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'refresh_token_reused',
    });
    const afterReuse = await harness.identity.graphql(REFRESH, { token: rotated.refreshToken });
    expect(afterReuse.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await harness.identity.graphql(ME, {}, { token: rotated.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'session_revoked',
    });
  });

  it('lists sessions and rejects a revoked one', async () => {
    const phone = await registerAndLogin('sessions');
    const laptop = await harness.identity.graphql<{ login: { accessToken: string; refreshToken: string } }>(
      LOGIN,
      { email: phone.email, password: PASSWORD },
      { headers: { 'x-forwarded-for': uniqueIp() } },
    );
    const listed = await harness.identity.graphql<{ mySessions: Array<{ id: string }> }>(
      '{ mySessions { id lastUsedAt } }',
      {},
      { token: phone.accessToken },
    );
    expect(listed.body.data?.mySessions).toHaveLength(2);

    const laptopToken = laptop.body.data!.login;
    const laptopSession = await harness.identity.graphql<{ mySessions: Array<{ id: string }> }>(
      '{ mySessions { id } }',
      {},
      { token: laptopToken.accessToken },
    );
    const ids = listed.body.data!.mySessions.map((s) => s.id);
    expect(laptopSession.body.data?.mySessions.map((s) => s.id).sort()).toEqual(ids.sort());

    const phoneSid = JSON.parse(Buffer.from(phone.accessToken.split('.')[1]!, 'base64url').toString())
      .sid as string;
    const revoked = await harness.identity.graphql<{ revokeSession: { revokedAt: string | null } }>(
      'mutation R($id: ID!) { revokeSession(id: $id) { revokedAt } }',
      { id: phoneSid },
      { token: laptopToken.accessToken },
    );
    expect(revoked.body.data?.revokeSession.revokedAt).toBeTruthy();
    expect(
      (await harness.identity.graphql(REFRESH, { token: phone.refreshToken })).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await harness.identity.graphql(ME, {}, { token: phone.accessToken })).status).toBe(401);
    expect(
      (await harness.identity.graphql(REFRESH, { token: laptopToken.refreshToken })).body.errors,
    ).toBeUndefined();
  });

  it('copies a revocation that reached only the database into Redis on its next pass', async () => {
    const session = await registerAndLogin('repair');
    expect((await harness.identity.graphql(ME, {}, { token: session.accessToken })).status).toBe(200);
    const sid = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString())
      .sid as string;
    // As if the Redis write after the commit had failed: the database alone knows.
    await harness.identity.dataSource.query('UPDATE session SET revoked_at = now() WHERE id = $1', [sid]);
    await expect
      .poll(async () => (await harness.identity.graphql(ME, {}, { token: session.accessToken })).status, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(401);
  });

  it('logs out everywhere', async () => {
    const session = await registerAndLogin('everywhere');
    const ended = await harness.identity.graphql<{ logoutEverywhere: number }>(
      'mutation { logoutEverywhere }',
      {},
      { token: session.accessToken },
    );
    expect(ended.body.data?.logoutEverywhere).toBe(1);
    expect((await harness.identity.graphql(ME, {}, { token: session.accessToken })).status).toBe(401);
  });

  it('publishes its signing key and refuses requests without the gateway credential', async () => {
    const response = await fetch(harness.identity.url.replace('/graphql', '/.well-known/jwks.json'));
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0]?.d).toBeUndefined();
    const direct = await fetch(harness.identity.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(direct.status).toBe(403);
    expect((await readGraphQLBody(direct)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
