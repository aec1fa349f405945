import { Secret, TOTP } from 'otpauth';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const ENROLL = `mutation { enrollTotp { otpauthUri secret } }`;
const CONFIRM = `mutation Confirm($code: String!) { confirmTotpEnrollment(code: $code) { enrolled confirmedAt } }`;
const STATUS = `query { myTotpStatus { enrolled confirmedAt } }`;
const START = `mutation Start($purpose: StepUpPurpose!) {
  startIdentityChallenge(purpose: $purpose) { id purpose status failedAttempts maxAttempts expiresAt validUntil }
}`;
const VERIFY = `mutation Verify($id: ID!, $code: String!) {
  verifyIdentityChallenge(id: $id, code: $code) { id status verifiedAt validUntil failedAttempts }
}`;

interface Challenge {
  id: string;
  purpose: string;
  status: string;
  failedAttempts: number;
  maxAttempts: number;
  verifiedAt: string | null;
  validUntil: string | null;
}

let h: ComplianceHarness;

beforeAll(async () => {
  h = await startComplianceHarness({
    IDENTITY_CHALLENGE_MAX_ATTEMPTS: '3',
    STEP_UP_VALID_MINUTES: '15',
    ALERT_FAILED_CHALLENGES_PER_USER: '3',
  });
});

afterAll(() => h.stop());

/** A user with a confirmed authenticator, and the app's code for any moment. */
async function enrolledUser(role: 'PATIENT' | 'CLINICIAN' | 'ADMIN') {
  const userId = randomUUID();
  const token = await h.token(role, userId);
  const enrolled = await h.sg.graphql<{ enrollTotp: { secret: string } }>(ENROLL, {}, { token });
  expect(enrolled.body.errors).toBeUndefined();
  const app = new TOTP({ secret: Secret.fromBase32(enrolled.body.data!.enrollTotp.secret) });
  const codeAt = (offsetSeconds: number): string =>
    app.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
  const confirmed = await h.sg.graphql(CONFIRM, { code: codeAt(0) }, { token });
  expect(confirmed.body.errors).toBeUndefined();
  return { userId, token, codeAt };
}

async function start(token: string, purpose: string) {
  return h.sg.graphql<{ startIdentityChallenge: Challenge }>(START, { purpose }, { token });
}

async function verify(token: string, id: string, code: string) {
  return h.sg.graphql<{ verifyIdentityChallenge: Challenge }>(VERIFY, { id, code }, { token });
}

describe('TOTP enrollment', () => {
  it('hands out an otpauth URI once, keeps the secret sealed, and counts only after a right code', async () => {
    const userId = randomUUID();
    const token = await h.token('PATIENT', userId);
    const enrolled = await h.sg.graphql<{ enrollTotp: { otpauthUri: string; secret: string } }>(
      ENROLL,
      {},
      { token },
    );
    expect(enrolled.body.errors).toBeUndefined();
    const { otpauthUri, secret } = enrolled.body.data!.enrollTotp;
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/HoloVitals:/);
    expect(new URL(otpauthUri).searchParams.get('secret')).toBe(secret);
    const [row] = await h.sg.dataSource.query(
      'SELECT secret_sealed, confirmed_at FROM totp_factor WHERE user_id = $1',
      [userId],
    );
    expect(row.secret_sealed).toMatch(/^hve1\./);
    expect(row.secret_sealed).not.toContain(secret);
    expect(row.confirmed_at).toBeNull();

    const app = new TOTP({ secret: Secret.fromBase32(secret) });
    const right = app.generate();
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const refused = await h.sg.graphql(CONFIRM, { code: wrong }, { token });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_TOTP_CODE',
    });
    const before = await h.sg.graphql<{ myTotpStatus: { enrolled: boolean } }>(STATUS, {}, { token });
    expect(before.body.data!.myTotpStatus.enrolled).toBe(false);

    const confirmed = await h.sg.graphql<{ confirmTotpEnrollment: { enrolled: boolean } }>(
      CONFIRM,
      { code: right },
      { token },
    );
    expect(confirmed.body.data!.confirmTotpEnrollment.enrolled).toBe(true);
    const again = await h.sg.graphql(ENROLL, {}, { token });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOTP_ALREADY_ENROLLED',
    });

    const audits: Array<{ action: string; outcome: string }> = await h.sg.dataSource.query(
      `SELECT payload->>'action' AS action, payload->>'outcome' AS outcome FROM event_outbox
        WHERE type = 'audit.recorded' AND payload->>'actorId' = $1 AND payload->>'entityType' = 'TotpFactor'
        ORDER BY occurred_at`,
      [userId],
    );
    expect(audits).toEqual([
      { action: 'enroll', outcome: 'SUCCESS' },
      { action: 'confirm', outcome: 'DENIED' },
      { action: 'confirm', outcome: 'SUCCESS' },
    ]);
  });

  it('refuses a challenge before an authenticator is confirmed', async () => {
    const response = await start(await h.token('CLINICIAN'), 'BULK_EXPORT');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOTP_NOT_ENROLLED',
    });
  });
});

describe('identity challenges', () => {
  it('grants a step-up for the configured minutes on a right code and publishes identity.challenge.verified', async () => {
    const admin = await enrolledUser('ADMIN');
    const started = await start(admin.token, 'ADMIN_PHI_ACCESS');
    expect(started.body.data!.startIdentityChallenge).toMatchObject({
      purpose: 'ADMIN_PHI_ACCESS',
      status: 'PENDING',
      failedAttempts: 0,
      maxAttempts: 3,
      validUntil: null,
    });
    const id = started.body.data!.startIdentityChallenge.id;
    const before = Date.now();
    // The confirmation used this step's code, so the authenticator's next one answers (±1 step is accepted).
    const verified = await verify(admin.token, id, admin.codeAt(30));
    expect(verified.body.errors).toBeUndefined();
    const challenge = verified.body.data!.verifyIdentityChallenge;
    expect(challenge.status).toBe('VERIFIED');
    const validFor = Date.parse(challenge.validUntil!) - before;
    expect(validFor).toBeGreaterThan(14 * 60_000);
    expect(validFor).toBeLessThanOrEqual(15 * 60_000 + 5_000);

    const events: Array<{ payload: Record<string, string> }> = await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'identity.challenge.verified' AND payload->>'challengeId' = $1`,
      [id],
    );
    expect(events.map((event) => event.payload)).toEqual([
      {
        challengeId: id,
        userId: admin.userId,
        purpose: 'ADMIN_PHI_ACCESS',
        validUntil: challenge.validUntil,
      },
    ]);
    const again = await verify(admin.token, id, admin.codeAt(30));
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CHALLENGE_ALREADY_VERIFIED',
    });
  });

  it('refuses a code already used (replay) on a new challenge, counting it as a wrong attempt', async () => {
    const clinician = await enrolledUser('CLINICIAN');
    const first = await start(clinician.token, 'BULK_EXPORT');
    const code = clinician.codeAt(30);
    const ok = await verify(clinician.token, first.body.data!.startIdentityChallenge.id, code);
    expect(ok.body.data!.verifyIdentityChallenge.status).toBe('VERIFIED');

    const second = await start(clinician.token, 'BULK_EXPORT');
    const secondId = second.body.data!.startIdentityChallenge.id;
    const replay = await verify(clinician.token, secondId, code);
    expect(replay.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOTP_CODE_ALREADY_USED',
    });
    const [row] = await h.sg.dataSource.query(
      'SELECT status, failed_attempts FROM identity_challenge WHERE id = $1',
      [secondId],
    );
    expect(row).toEqual({ status: 'PENDING', failed_attempts: 1 });
    const events: unknown[] = await h.sg.dataSource.query(
      `SELECT 1 FROM event_outbox WHERE type = 'identity.challenge.verified' AND payload->>'userId' = $1`,
      [clinician.userId],
    );
    expect(events).toHaveLength(1);
  });

  it('locks after the allowed wrong codes, then refuses even the right one, and raises a security alert', async () => {
    const admin = await enrolledUser('ADMIN');
    const id = (await start(admin.token, 'ADMIN_PHI_ACCESS')).body.data!.startIdentityChallenge.id;
    const right = admin.codeAt(30);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) answers.push(await verify(admin.token, id, wrong));
    expect(answers.map((answer) => answer.body.errors?.[0]?.extensions?.reason)).toEqual([
      'INVALID_TOTP_CODE',
      'INVALID_TOTP_CODE',
      'CHALLENGE_LOCKED',
    ]);
    expect(answers[2]!.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const afterLock = await verify(admin.token, id, right);
    expect(afterLock.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CHALLENGE_LOCKED',
    });
    const granted: unknown[] = await h.sg.dataSource.query(
      `SELECT 1 FROM event_outbox WHERE type = 'identity.challenge.verified' AND payload->>'challengeId' = $1`,
      [id],
    );
    expect(granted).toHaveLength(0);

    const alerts = await eventually(
      () =>
        h.sg.dataSource.query(
          `SELECT kind, severity, actor_id FROM security_alert WHERE kind = 'FAILED_IDENTITY_CHALLENGES' AND subject = $1`,
          [admin.userId],
        ) as Promise<Array<Record<string, string>>>,
      (rows) => rows.length > 0,
    );
    expect(alerts).toEqual([
      { kind: 'FAILED_IDENTITY_CHALLENGES', severity: 'HIGH', actor_id: admin.userId },
    ]);
  });

  it('refuses an expired challenge without counting an attempt', async () => {
    const clinician = await enrolledUser('CLINICIAN');
    const id = (await start(clinician.token, 'BULK_EXPORT')).body.data!.startIdentityChallenge.id;
    await h.sg.dataSource.query(
      `UPDATE identity_challenge SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const late = await verify(clinician.token, id, clinician.codeAt(30));
    expect(late.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CHALLENGE_EXPIRED',
    });
    const [row] = await h.sg.dataSource.query(
      'SELECT status, failed_attempts FROM identity_challenge WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'PENDING', failed_attempts: 0 });
  });

  it('answers NOT_FOUND for an unknown id, a malformed id and another user’s challenge', async () => {
    const owner = await enrolledUser('CLINICIAN');
    const other = await enrolledUser('CLINICIAN');
    const id = (await start(owner.token, 'BULK_EXPORT')).body.data!.startIdentityChallenge.id;
    for (const [token, challengeId] of [
      [owner.token, randomUUID()],
      [owner.token, 'not-a-uuid'],
      [other.token, id],
    ] as const) {
      const response = await verify(token, challengeId, other.codeAt(30));
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'CHALLENGE_NOT_FOUND',
      });
    }
    const [row] = await h.sg.dataSource.query(
      'SELECT failed_attempts FROM identity_challenge WHERE id = $1',
      [id],
    );
    expect(row.failed_attempts).toBe(0);
  });

  it('lets only administrators step up for ADMIN_PHI_ACCESS, and nobody signed out', async () => {
    const patient = await enrolledUser('PATIENT');
    const refused = await start(patient.token, 'ADMIN_PHI_ACCESS');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_PURPOSE_FORBIDDEN',
    });
    const anonymous = await h.sg.graphql(START, { purpose: 'BULK_EXPORT' });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await start(patient.token, 'READ_EVERYTHING');
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
