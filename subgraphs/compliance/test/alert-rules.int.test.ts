import type { DomainEvent } from '@holovitals/events';
import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvent,
  eventually,
  startComplianceHarness,
  type ComplianceHarness,
} from './support/compliance-harness';

interface AlertRow {
  kind: string;
  severity: string;
  subject: string;
  actor_id: string | null;
  patient_id: string | null;
  details: string;
  event_ids: string[];
}

let h: ComplianceHarness;

async function alertsOf(kind: string, subject: string): Promise<AlertRow[]> {
  return h.sg.dataSource.query(
    `SELECT kind, severity, subject, actor_id, patient_id, details, event_ids FROM security_alert
     WHERE kind = $1 AND subject = $2`,
    [kind, subject],
  );
}

async function stored(events: Array<DomainEvent<'audit.recorded'>>): Promise<void> {
  const ids = events.map((event) => event.id);
  await eventually(
    async () => {
      const rows: Array<{ n: string }> = await h.sg.dataSource.query(
        'SELECT count(*) AS n FROM audit_log WHERE event_id = ANY($1::uuid[])',
        [ids],
      );
      return Number(rows[0]!.n);
    },
    (n) => n === ids.length,
  );
}

async function publishAll(events: Array<DomainEvent<'audit.recorded'>>): Promise<void> {
  for (const event of events) await publishTestEvent(h.sg, event);
  await stored(events);
}

async function raisedEvents(alertKind: string): Promise<number> {
  const rows: Array<{ n: string }> = await h.sg.dataSource.query(
    `SELECT count(*) AS n FROM event_outbox WHERE type = 'security.alert.raised' AND payload->>'kind' = $1`,
    [alertKind],
  );
  return Number(rows[0]!.n);
}

const failedLogin = (clientIp: string, userId: string | null): DomainEvent<'audit.recorded'> =>
  auditEvent({
    actorId: null,
    actorRoles: [],
    action: 'login',
    entityType: 'Session',
    entityIds: userId ? [userId] : [],
    patientIds: [],
    outcome: 'DENIED',
    clientIp,
    service: 'identity',
  });

beforeAll(async () => {
  h = await startComplianceHarness({
    ALERT_FAILED_SIGN_INS_PER_ADDRESS: '4',
    ALERT_FAILED_SIGN_INS_PER_ACCOUNT: '3',
    ALERT_PATIENTS_READ_THRESHOLD: '5',
  });
});

afterAll(() => h.stop());

describe('alert rules during audit ingestion', () => {
  it('raises one alert for repeated failed sign-ins from one address, at the threshold, deduplicated', async () => {
    const address = '203.0.113.7';
    await publishAll([1, 2, 3].map(() => failedLogin(address, null)));
    expect(await alertsOf('FAILED_SIGN_INS_FROM_ADDRESS', address)).toEqual([]);
    const fourth = failedLogin(address, null);
    await publishAll([fourth]);
    const [alert, ...more] = await alertsOf('FAILED_SIGN_INS_FROM_ADDRESS', address);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ severity: 'HIGH', event_ids: [fourth.id] });
    expect(alert!.details).toMatch(/^4 failed sign-ins from 203\.0\.113\.7/);
    await publishAll([1, 2, 3].map(() => failedLogin(address, null)));
    expect(await alertsOf('FAILED_SIGN_INS_FROM_ADDRESS', address)).toHaveLength(1);
  });

  it('raises an alert for repeated failed sign-ins for one account from different addresses', async () => {
    const account = randomUUID();
    await publishAll(['198.51.100.1', '198.51.100.2'].map((ip) => failedLogin(ip, account)));
    expect(await alertsOf('FAILED_SIGN_INS_FOR_ACCOUNT', account)).toEqual([]);
    await publishAll([failedLogin('198.51.100.3', account)]);
    expect(await alertsOf('FAILED_SIGN_INS_FOR_ACCOUNT', account)).toMatchObject([
      { actor_id: account, severity: 'HIGH' },
    ]);
    expect(await raisedEvents('FAILED_SIGN_INS_FOR_ACCOUNT')).toBe(1);
  });

  it('raises an alert when one user reads many different patients’ records in the window', async () => {
    const snoop = randomUUID();
    const patients = Array.from({ length: 5 }, () => randomUUID());
    const read = (patientIds: string[]) => auditEvent({ actorId: snoop, patientIds, action: 'read' });
    // The same patient over and over is not many patients.
    await publishAll([read([patients[0]!]), read([patients[0]!]), read(patients.slice(0, 3))]);
    expect(await alertsOf('MANY_PATIENTS_READ', snoop)).toEqual([]);
    await publishAll([read(patients.slice(3))]);
    const [alert] = await alertsOf('MANY_PATIENTS_READ', snoop);
    expect(alert!.details).toContain('5 different patients');
  });

  it('raises ACCESS_WITHOUT_CONSENT for a refused read by someone holding no grant', async () => {
    const stranger = randomUUID();
    const patientId = randomUUID();
    const denied = auditEvent({ actorId: stranger, patientIds: [patientId], outcome: 'DENIED' });
    await publishAll([denied]);
    expect(await alertsOf('ACCESS_WITHOUT_CONSENT', stranger)).toMatchObject([
      { patient_id: patientId, severity: 'HIGH', event_ids: [denied.id] },
    ]);
    expect(await alertsOf('ACCESS_OUTSIDE_SCOPE', stranger)).toEqual([]);
  });

  it('raises ACCESS_OUTSIDE_SCOPE for a refused write by a grantee who may only read', async () => {
    const clinician = randomUUID();
    const patientId = randomUUID();
    await h.sg.dataSource.query(
      `INSERT INTO consent_grant (patient_id, grantor_user_id, grantee_user_id, scopes, purpose)
       VALUES ($1, $2, $3, '{READ_RECORD}', 'TREATMENT')`,
      [patientId, randomUUID(), clinician],
    );
    await publishAll([
      auditEvent({ actorId: clinician, patientIds: [patientId], action: 'update', entityType: 'Condition' }),
    ]);
    expect(await alertsOf('ACCESS_OUTSIDE_SCOPE', clinician)).toEqual([]);
    await publishAll([
      auditEvent({
        actorId: clinician,
        patientIds: [patientId],
        action: 'update',
        entityType: 'Condition',
        outcome: 'DENIED',
      }),
    ]);
    const [alert] = await alertsOf('ACCESS_OUTSIDE_SCOPE', clinician);
    expect(alert!.details).toContain('it needs WRITE_RECORD, the grant holds READ_RECORD');
    expect(await alertsOf('ACCESS_WITHOUT_CONSENT', clinician)).toEqual([]);
  });

  it('raises BULK_EXPORT when someone exports records they do not own, not when the patient does', async () => {
    const owner = randomUUID();
    const patientId = randomUUID();
    await h.sg.dataSource.query('INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)', [
      patientId,
      owner,
    ]);
    const exportBy = (actorId: string, actorRoles: string[]) =>
      auditEvent({ actorId, actorRoles, patientIds: [patientId], action: 'export' });
    await publishAll([exportBy(owner, ['PATIENT'])]);
    expect(await alertsOf('BULK_EXPORT', owner)).toEqual([]);
    const clinician = randomUUID();
    await publishAll([exportBy(clinician, ['CLINICIAN'])]);
    expect(await alertsOf('BULK_EXPORT', clinician)).toMatchObject([
      { patient_id: patientId, severity: 'MEDIUM' },
    ]);
  });

  it('raises ADMIN_PHI_ACCESS when an administrator reads health data, not for audit-log searches', async () => {
    const admin = randomUUID();
    await publishAll([
      auditEvent({
        actorId: admin,
        actorRoles: ['ADMIN'],
        service: 'compliance',
        action: 'search',
        entityType: 'AuditLog',
      }),
    ]);
    expect(await alertsOf('ADMIN_PHI_ACCESS', admin)).toEqual([]);
    const patientId = randomUUID();
    await publishAll([auditEvent({ actorId: admin, actorRoles: ['ADMIN'], patientIds: [patientId] })]);
    expect(await alertsOf('ADMIN_PHI_ACCESS', admin)).toMatchObject([
      { patient_id: patientId, severity: 'LOW' },
    ]);
  });

  it('records every allow and deny decision in the RBAC access log', async () => {
    const actor = randomUUID();
    const allowed = auditEvent({ actorId: actor });
    const denied = auditEvent({ actorId: actor, outcome: 'DENIED' });
    await publishAll([allowed, denied]);
    const rows: Array<{ event_id: string; decision: string }> = await h.sg.dataSource.query(
      'SELECT event_id, decision FROM rbac_access_log WHERE actor_id = $1 ORDER BY seq',
      [actor],
    );
    expect(rows).toEqual([
      { event_id: allowed.id, decision: 'ALLOW' },
      { event_id: denied.id, decision: 'DENY' },
    ]);
  });
});
