import type { DomainEvent, EventType } from '@holovitals/events';
import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvent,
  eventually,
  startComplianceHarness,
  type ComplianceHarness,
} from './support/compliance-harness';

const GRANT = `mutation Grant($input: GrantConsentInput!) {
  grantConsent(input: $input) { id patientId granteeUserId scopes purpose expiresAt active grantee { userId displayName email } }
}`;
const REVOKE = `mutation Revoke($id: ID!) { revokeConsent(id: $id) { id active revokedAt } }`;
const MINE = `{ myConsents { id active } consentsGrantedToMe { id } }`;
const GRANTED_TO_ME = `{ consentsGrantedToMe { id patientId scopes } }`;

let h: ComplianceHarness;
const patientUser = randomUUID();
const patientId = randomUUID();
const clinician = randomUUID();
const unverified = randomUUID();
let patientToken: string;

function event<T extends EventType>(
  type: T,
  source: string,
  payload: DomainEvent<T>['payload'],
): DomainEvent<T> {
  return { id: randomUUID(), type, source, occurredAt: new Date().toISOString(), traceId: null, payload };
}

async function outbox(type: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<{ payload: Record<string, unknown> }> = await h.sg.dataSource.query(
    `SELECT payload FROM event_outbox WHERE type = $1 ORDER BY occurred_at`,
    [type],
  );
  return rows.map((row) => row.payload);
}

async function grants(): Promise<number> {
  const rows: Array<{ n: string }> = await h.sg.dataSource.query('SELECT count(*) AS n FROM consent_grant');
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  h = await startComplianceHarness();
  patientToken = await h.token('PATIENT', patientUser);
  await publishTestEvent(
    h.sg,
    event('user.verified', 'identity', {
      userId: clinician,
      roles: ['CLINICIAN'],
      email: 'dr.who@example.test',
      displayName: 'Dr. Who',
    }),
  );
  await publishTestEvent(
    h.sg,
    event('user.verified', 'identity', {
      userId: patientUser,
      roles: ['PATIENT'],
      email: 'pat@example.test',
      displayName: null,
    }),
  );
  await publishTestEvent(h.sg, event('patient.created', 'patient', { patientId, ownerUserId: patientUser }));
  await eventually(
    async () =>
      (await h.sg.dataSource.query('SELECT 1 FROM patient_owner UNION ALL SELECT 1 FROM verified_user'))
        .length,
    (n) => n === 3,
  );
});

afterAll(() => h.stop());

describe('consent grants', () => {
  it('grants a verified user access to the caller’s patient record and emits consent.granted with its patient id', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const response = await h.sg.graphql<{ grantConsent: Record<string, unknown> }>(
      GRANT,
      {
        input: {
          granteeUserId: clinician,
          scope: ['READ_RECORD', 'READ_DOCUMENTS'],
          purpose: 'TREATMENT',
          expiresAt,
        },
      },
      { token: patientToken },
    );
    expect(response.body.errors).toBeUndefined();
    const grant = response.body.data!.grantConsent;
    expect(grant).toMatchObject({
      patientId,
      granteeUserId: clinician,
      scopes: ['READ_RECORD', 'READ_DOCUMENTS'],
      purpose: 'TREATMENT',
      expiresAt,
      active: true,
      grantee: { userId: clinician, displayName: 'Dr. Who', email: 'dr.who@example.test' },
    });
    expect(await outbox('consent.granted')).toEqual([
      {
        consentId: grant.id,
        patientId,
        granteeUserId: clinician,
        scopes: ['READ_RECORD', 'READ_DOCUMENTS'],
        expiresAt,
      },
    ]);
    expect(await outbox('audit.recorded')).toContainEqual(
      expect.objectContaining({
        actorId: patientUser,
        action: 'grant',
        patientIds: [patientId],
        entityIds: [grant.id],
      }),
    );

    const seen = await h.sg.graphql<{ consentsGrantedToMe: Array<{ id: string }> }>(
      GRANTED_TO_ME,
      {},
      {
        token: await h.token('CLINICIAN', clinician),
      },
    );
    expect(seen.body.data!.consentsGrantedToMe).toEqual([
      { id: grant.id, patientId, scopes: ['READ_RECORD', 'READ_DOCUMENTS'] },
    ]);
  });

  it.each([
    ['to self', { granteeUserId: patientUser }, 'granteeUserId'],
    ['to an unknown user', { granteeUserId: randomUUID() }, 'granteeUserId'],
    ['to a user who never verified', { granteeUserId: unverified }, 'granteeUserId'],
    ['with an expiry in the past', { expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
    ['with no scope', { scope: [] }, 'scope'],
    ['to an id that is not a user id', { granteeUserId: 'not-a-uuid' }, 'granteeUserId'],
    ['to nobody', { granteeUserId: null }, 'granteeUserId'],
    ['to both an id and an address', { granteeEmail: 'dr.who@example.test' }, 'granteeUserId'],
    [
      'to an address no verified user has',
      { granteeUserId: null, granteeEmail: 'nobody@example.test' },
      'granteeEmail',
    ],
    ['to self by address', { granteeUserId: null, granteeEmail: 'PAT@example.test' }, 'granteeEmail'],
  ])('refuses a grant %s as BAD_USER_INPUT and writes nothing', async (_name, change, field) => {
    const before = { grants: await grants(), events: (await outbox('consent.granted')).length };
    const response = await h.sg.graphql(
      GRANT,
      { input: { granteeUserId: clinician, scope: ['READ_RECORD'], purpose: 'TREATMENT', ...change } },
      { token: patientToken },
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect({ grants: await grants(), events: (await outbox('consent.granted')).length }).toEqual(before);
  });

  it('refuses an unknown scope before any resolver runs', async () => {
    const before = await grants();
    const response = await h.sg.graphql(
      GRANT,
      { input: { granteeUserId: clinician, scope: ['READ_EVERYTHING'], purpose: 'TREATMENT' } },
      { token: patientToken },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await grants()).toBe(before);
  });

  it('grants by email address, matched case-insensitively among verified users', async () => {
    const response = await h.sg.graphql<{ grantConsent: { granteeUserId: string } }>(
      GRANT,
      { input: { granteeEmail: ' Dr.Who@Example.test ', scope: ['READ_RECORD'], purpose: 'CAREGIVING' } },
      { token: patientToken },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.grantConsent.granteeUserId).toBe(clinician);
  });

  it('refuses a grant from a user with no patient record', async () => {
    const response = await h.sg.graphql(
      GRANT,
      { input: { granteeUserId: clinician, scope: ['READ_RECORD'], purpose: 'TREATMENT' } },
      { token: await h.token('PATIENT') },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the grantor revoke, once, emitting consent.revoked', async () => {
    const mine = await h.sg.graphql<{ myConsents: Array<{ id: string; active: boolean }> }>(
      MINE,
      {},
      {
        token: patientToken,
      },
    );
    const id = mine.body.data!.myConsents[mine.body.data!.myConsents.length - 1]!.id;

    const stranger = await h.sg.graphql(REVOKE, { id }, { token: await h.token('CLINICIAN', clinician) });
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await outbox('consent.revoked')).toEqual([]);

    const revoked = await h.sg.graphql<{ revokeConsent: { active: boolean } }>(
      REVOKE,
      { id },
      { token: patientToken },
    );
    expect(revoked.body.data!.revokeConsent.active).toBe(false);
    await h.sg.graphql(REVOKE, { id }, { token: patientToken });
    expect(await outbox('consent.revoked')).toEqual([{ consentId: id, patientId, granteeUserId: clinician }]);
  });

  it('shows the grantee who shared with them', async () => {
    const seen = await h.sg.graphql<{ consentsGrantedToMe: Array<{ grantor: unknown }> }>(
      '{ consentsGrantedToMe { grantor { userId email } } }',
      {},
      { token: await h.token('CLINICIAN', clinician) },
    );
    expect(seen.body.data!.consentsGrantedToMe[0]!.grantor).toEqual({
      userId: patientUser,
      email: 'pat@example.test',
    });
  });
});

describe('access log', () => {
  const ACCESS_LOG = `{ accessLog { actorId actorRoles action outcome purpose actor { email } onBehalfOf { email } } }`;

  it('shows the patient who else read their record, and another patient nothing of it', async () => {
    await publishTestEvent(h.sg, auditEvent({ actorId: clinician, patientIds: [patientId] }));
    await publishTestEvent(
      h.sg,
      auditEvent({ actorId: patientUser, actorRoles: ['PATIENT'], patientIds: [patientId] }),
    );
    const read = (): Promise<Array<{ actorId: string }>> =>
      h.sg
        .graphql<{ accessLog: Array<{ actorId: string }> }>(ACCESS_LOG, {}, { token: patientToken })
        .then((response) => response.body.data?.accessLog ?? []);
    expect(await eventually(read, (entries) => entries.length > 0)).toEqual([
      {
        actorId: clinician,
        actorRoles: ['CLINICIAN'],
        action: 'read',
        outcome: 'SUCCESS',
        purpose: null,
        actor: { email: 'dr.who@example.test' },
        onBehalfOf: null,
      },
    ]);

    const other = await h.sg.graphql<{ accessLog: unknown[] }>(
      ACCESS_LOG,
      {},
      {
        token: await h.token('PATIENT'),
      },
    );
    expect(other.body.data!.accessLog).toEqual([]);
  });

  it('says why (the grant’s purpose) and on whose behalf (a proxy acting for the patient)', async () => {
    const [grant] = (await h.sg.dataSource.query(
      `SELECT id FROM consent_grant WHERE purpose = 'CAREGIVING' LIMIT 1`,
    )) as Array<{ id: string }>;
    await publishTestEvent(
      h.sg,
      auditEvent({
        actorId: clinician,
        action: 'update',
        entityType: 'Allergy',
        patientIds: [patientId],
        consentId: grant!.id,
        onBehalfOf: patientUser,
      }),
    );
    const entries = await eventually(
      () =>
        h.sg
          .graphql<{ accessLog: Array<Record<string, unknown>> }>(ACCESS_LOG, {}, { token: patientToken })
          .then((response) => response.body.data?.accessLog ?? []),
      (list) => list.some((entry) => entry.action === 'update'),
    );
    expect(entries[0]).toEqual({
      actorId: clinician,
      actorRoles: ['CLINICIAN'],
      action: 'update',
      outcome: 'SUCCESS',
      purpose: 'CAREGIVING',
      actor: { email: 'dr.who@example.test' },
      onBehalfOf: { email: 'pat@example.test' },
    });
  });
});
