import { publishTestEvent } from '@holovitals/testing';
import { createPublicKey, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointKeyId, checkpointSigner } from '../src/audit/checkpoint-signing';
import { purgeExpiredAuditEntries } from '../src/retention/audit-purge';
import {
  auditEvent,
  eventually,
  startComplianceHarness,
  type ComplianceHarness,
} from './support/compliance-harness';

const YEAR_MS = 365 * 86_400_000;
const VERIFY = `query {
  verifyAuditChain {
    valid checkedEntries checkpointsVerified purgedThroughSeq
    firstBroken { seq eventId reason }
    brokenCheckpoint { kind reason }
  }
}`;
const PLACE = `mutation Place($input: PlaceLegalHoldInput!) {
  placeLegalHold(input: $input) { id patientId actorId reason placedBy releasedAt }
}`;
const RELEASE = `mutation Release($id: ID!) { releaseLegalHold(id: $id) { id releasedAt releasedBy } }`;
const HOLDS = `query Holds($all: Boolean!) { legalHolds(includeReleased: $all) { id releasedAt } }`;

let h: ComplianceHarness;
let admin: string;
const adminId = randomUUID();

async function verifyChain(): Promise<Record<string, unknown>> {
  const response = await h.sg.graphql<{ verifyAuditChain: Record<string, unknown> }>(
    VERIFY,
    {},
    { token: admin },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.verifyAuditChain;
}

async function stored(ids: string[]): Promise<number> {
  const rows: Array<{ n: string }> = await h.sg.dataSource.query(
    'SELECT count(*) AS n FROM audit_log WHERE event_id = ANY($1::uuid[])',
    [ids],
  );
  return Number(rows[0]!.n);
}

async function auditRows(where: string, parameters: unknown[]): Promise<Array<Record<string, unknown>>> {
  return h.sg.dataSource.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY seq`, parameters);
}

function purge() {
  const keys = new Map([
    [checkpointKeyId(createPublicKey(h.checkpointKey)), createPublicKey(h.checkpointKey)],
  ]);
  return purgeExpiredAuditEntries(h.sg.dataSource, checkpointSigner(h.checkpointKey), keys, {
    auditRetentionDays: 7 * 365,
    accessLogRetentionDays: 6 * 365,
    job: { queue: 'compliance.audit-purge', id: 'test' },
  });
}

beforeAll(async () => {
  h = await startComplianceHarness();
  admin = await h.token('ADMIN', adminId);
});

afterAll(() => h.stop());

describe('legal holds', () => {
  it('refuses bad input and callers who are not ADMIN', async () => {
    const neither = await h.sg.graphql(PLACE, { input: { reason: 'Litigation 42' } }, { token: admin });
    expect(neither.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await h.sg.graphql(RELEASE, { id: randomUUID() }, { token: admin });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await h.sg.graphql(RELEASE, { id: 'nope' }, { token: admin });
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const role of ['PATIENT', 'CLINICIAN'] as const) {
      const token = await h.token(role);
      const place = await h.sg.graphql(PLACE, { input: { actorId: 'x', reason: 'r' } }, { token });
      expect(place.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await h.sg.graphql(HOLDS, { all: true }, { token });
      expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const holds: Array<{ n: string }> = await h.sg.dataSource.query('SELECT count(*) AS n FROM legal_hold');
    expect(Number(holds[0]!.n)).toBe(0);
  });
});

describe('retention purge', () => {
  const old = (at: number) => new Date(Date.now() - 8 * YEAR_MS + at * 60_000).toISOString();
  const heldPatient = randomUUID();
  const heldActor = `actor-${randomUUID()}`;
  const releasedPatient = randomUUID();
  const expired = Array.from({ length: 8 }, (_, i) => ({ ...auditEvent(), occurredAt: old(i) }));
  const ofHeldPatient = [0, 1].map((i) => ({
    ...auditEvent({ patientIds: [heldPatient] }),
    occurredAt: old(10 + i),
  }));
  const ofHeldActor = { ...auditEvent({ actorId: heldActor }), occurredAt: old(12) };
  const ofReleasedPatient = { ...auditEvent({ patientIds: [releasedPatient] }), occurredAt: old(13) };
  const recent = Array.from({ length: 4 }, () => auditEvent());
  const oldEvents = [
    ...expired.slice(0, 4),
    ...ofHeldPatient,
    ofHeldActor,
    ofReleasedPatient,
    ...expired.slice(4),
  ];
  let heldIds: string[];

  it('removes only expired entries no hold covers, archives alerts first, audits itself, and the chain still verifies', async () => {
    for (const event of [...oldEvents, ...recent]) await publishTestEvent(h.sg, event);
    const all = [...oldEvents, ...recent].map((event) => event.id);
    expect(
      await eventually(
        () => stored(all),
        (n) => n === all.length,
      ),
    ).toBe(all.length);

    const placed = [];
    for (const input of [
      { patientId: heldPatient, reason: 'Litigation 42' },
      { actorId: heldActor, reason: 'Investigation 7' },
      { patientId: releasedPatient, reason: 'Closed matter' },
    ]) {
      const response = await h.sg.graphql<{ placeLegalHold: { id: string; placedBy: string } }>(
        PLACE,
        { input },
        { token: admin },
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.placeLegalHold.placedBy).toBe(adminId);
      placed.push(response.body.data!.placeLegalHold.id);
    }
    const released = await h.sg.graphql<{ releaseLegalHold: { releasedBy: string } }>(
      RELEASE,
      { id: placed[2] },
      { token: admin },
    );
    expect(released.body.data!.releaseLegalHold.releasedBy).toBe(adminId);
    const again = await h.sg.graphql(RELEASE, { id: placed[2] }, { token: admin });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const active = await h.sg.graphql<{ legalHolds: Array<{ id: string }> }>(
      HOLDS,
      { all: false },
      { token: admin },
    );
    expect(active.body.data!.legalHolds.map((hold) => hold.id).sort()).toEqual(placed.slice(0, 2).sort());
    const holdAudits = await eventually(
      () => auditRows(`entity_type = 'LegalHold'`, []),
      (rows) => rows.length >= 5,
    );
    expect(holdAudits.map((row) => row.action)).toEqual(['place', 'place', 'place', 'release', 'read']);

    const [alert] = (await h.sg.dataSource.query(
      `INSERT INTO security_alert (kind, severity, subject, details, event_ids, raised_at)
       VALUES ('MANUAL', 'HIGH', 'x', 'old evidence', $1, $2) RETURNING id`,
      [[expired[0]!.id], old(0)],
    )) as Array<{ id: string }>;

    heldIds = [...ofHeldPatient, ofHeldActor].map((event) => event.id);
    const unheldOld = oldEvents.map((event) => event.id).filter((id) => !heldIds.includes(id));
    const decisions: Array<{ n: string }> = await h.sg.dataSource.query(
      'SELECT count(*) AS n FROM rbac_access_log WHERE event_id = ANY($1::uuid[])',
      [unheldOld],
    );
    const result = await purge();
    expect(result.accessLogDeleted).toBe(Number(decisions[0]!.n));
    const decisionsLeft: Array<{ n: string }> = await h.sg.dataSource.query(
      'SELECT count(*) AS n FROM rbac_access_log WHERE event_id = ANY($1::uuid[])',
      [unheldOld],
    );
    expect(Number(decisionsLeft[0]!.n)).toBe(0);
    expect(result).toMatchObject({
      deleted: 9,
      retained: 3,
      alertsArchived: 1,
      throughSeq: oldEvents.length,
    });
    expect(await stored(oldEvents.map((event) => event.id))).toBe(3);
    expect(await stored(heldIds)).toBe(3);
    expect(await stored(recent.map((event) => event.id))).toBe(recent.length);

    const archived: Array<{ alert: { id: string; details: string }; evidence: Array<{ event_id: string }> }> =
      await h.sg.dataSource.query('SELECT alert, evidence FROM security_alert_archive');
    expect(archived).toEqual([
      {
        alert: expect.objectContaining({ id: alert!.id, details: 'old evidence' }),
        evidence: [expect.objectContaining({ event_id: expired[0]!.id })],
      },
    ]);
    const alerts: Array<{ n: string }> = await h.sg.dataSource.query(
      'SELECT count(*) AS n FROM security_alert',
    );
    expect(Number(alerts[0]!.n)).toBe(1);

    const purgeAudit = await eventually(
      () => auditRows(`action = 'purge'`, []),
      (rows) => rows.length === 1,
    );
    expect(purgeAudit[0]!.entity_ids).toEqual([
      `manifest:${result.manifestId}`,
      `through-seq:${oldEvents.length}`,
      'deleted:9',
      'retained:3',
      'alerts-archived:1',
      `access-log-deleted:${result.accessLogDeleted}`,
    ]);
    expect(purgeAudit[0]!.actor_id).toBe('system:compliance:job:compliance.audit-purge/test');

    expect(await verifyChain()).toMatchObject({
      valid: true,
      purgedThroughSeq: String(oldEvents.length),
      firstBroken: null,
      brokenCheckpoint: null,
    });
  });

  it('still refuses a normal DELETE, and the purge function without a matching signed manifest', async () => {
    await expect(
      h.sg.dataSource.query(`DELETE FROM audit_log WHERE event_id = $1`, [recent[0]!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      h.sg.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL ROLE holovitals_audit_appender');
        await manager.query(`DELETE FROM audit_log WHERE event_id = $1`, [recent[0]!.id]);
      }),
    ).rejects.toThrow(/permission denied/);
    await expect(
      h.sg.dataSource.query(`SELECT purge_audit_log(now() - interval '2 years', 999)`),
    ).rejects.toThrow(/purge refused/);
    await expect(
      h.sg.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('holovitals.audit_purge', 'on', true)`);
        await manager.query(`DELETE FROM audit_log WHERE event_id = $1`, [recent[0]!.id]);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await stored([recent[0]!.id])).toBe(1);
  });

  it('purges again once a hold is released, and the chain still verifies', async () => {
    const holds = await h.sg.graphql<{ legalHolds: Array<{ id: string }> }>(
      HOLDS,
      { all: false },
      { token: admin },
    );
    const actorHold: Array<{ id: string }> = await h.sg.dataSource.query(
      'SELECT id FROM legal_hold WHERE actor_id = $1',
      [heldActor],
    );
    expect(holds.body.data!.legalHolds.map((hold) => hold.id)).toContain(actorHold[0]!.id);
    await h.sg.graphql(RELEASE, { id: actorHold[0]!.id }, { token: admin });
    const result = await purge();
    expect(result).toMatchObject({ deleted: 1, retained: 2, throughSeq: oldEvents.length });
    expect(await stored([ofHeldActor.id])).toBe(0);
    expect(await verifyChain()).toMatchObject({ valid: true, purgedThroughSeq: String(oldEvents.length) });
  });

  it('detects tampering with an entry kept under hold after the purge', async () => {
    await h.sg.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_log SET action = 'nothing' WHERE event_id = $1`, [
        ofHeldPatient[1]!.id,
      ]);
    });
    expect(await verifyChain()).toMatchObject({
      valid: false,
      firstBroken: { eventId: ofHeldPatient[1]!.id, reason: 'CONTENT_CHANGED' },
    });
  });
});
