import { publishTestEvent } from '@holovitals/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvent,
  eventually,
  startComplianceHarness,
  type ComplianceHarness,
} from './support/compliance-harness';

const VERIFY = `query Verify($from: DateTime, $to: DateTime) {
  verifyAuditChain(from: $from, to: $to) { valid checkedEntries firstBroken { seq eventId reason } }
}`;
const SEARCH = `query Search($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    entries { seq eventId action actorId patientIds prevHash hash }
    endCursor
  }
}`;

interface Verification {
  valid: boolean;
  checkedEntries: number;
  firstBroken: { seq: string; eventId: string; reason: string } | null;
}

let h: ComplianceHarness;
let admin: string;

async function count(): Promise<number> {
  const rows: Array<{ n: string }> = await h.sg.dataSource.query(
    `SELECT count(*) AS n FROM audit_log WHERE service = 'patient'`,
  );
  return Number(rows[0]!.n);
}

async function verify(): Promise<Verification> {
  const response = await h.sg.graphql<{ verifyAuditChain: Verification }>(VERIFY, {}, { token: admin });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.verifyAuditChain;
}

beforeAll(async () => {
  h = await startComplianceHarness();
  admin = await h.token('ADMIN');
});

afterAll(() => h.stop());

describe('audit log ingestion and chain', () => {
  const events = Array.from({ length: 30 }, () => auditEvent());

  it('stores every audit.recorded once, chained in order, even when an event is delivered twice', async () => {
    for (const event of events) await publishTestEvent(h.sg, event);
    await publishTestEvent(h.sg, events[3]!);
    expect(await eventually(count, (n) => n >= events.length)).toBe(events.length);

    const rows: Array<{ seq: string; prev_hash: string; hash: string }> = await h.sg.dataSource.query(
      `SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq`,
    );
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    rows.slice(1).forEach((row, index) => expect(row.prev_hash).toBe(rows[index]!.hash));
    expect(await verify()).toEqual({ valid: true, checkedEntries: rows.length, firstBroken: null });
  });

  it('lets ADMIN search by patient and page through results, and nobody else', async () => {
    const target = events[5]!;
    const found = await h.sg.graphql<{ auditLog: { entries: Array<{ eventId: string }> } }>(
      SEARCH,
      { filter: { patientId: target.payload.patientIds[0] } },
      { token: admin },
    );
    expect(found.body.data!.auditLog.entries.map((entry) => entry.eventId)).toEqual([target.id]);

    const first = await h.sg.graphql<{ auditLog: { entries: Array<{ seq: string }>; endCursor: string } }>(
      SEARCH,
      { filter: { action: 'read' }, first: 10 },
      { token: admin },
    );
    const second = await h.sg.graphql<{ auditLog: { entries: Array<{ seq: string }> } }>(
      SEARCH,
      { filter: { action: 'read' }, first: 10, after: first.body.data!.auditLog.endCursor },
      { token: admin },
    );
    const seqs = [...first.body.data!.auditLog.entries, ...second.body.data!.auditLog.entries].map((e) =>
      Number(e.seq),
    );
    expect(new Set(seqs).size).toBe(20);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    for (const role of ['PATIENT', 'CLINICIAN'] as const) {
      const denied = await h.sg.graphql(SEARCH, {}, { token: await h.token(role) });
      expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const verifyDenied = await h.sg.graphql(VERIFY, {}, { token: await h.token(role) });
      expect(verifyDenied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a range whose start is after its end, as BAD_USER_INPUT', async () => {
    const response = await h.sg.graphql(
      VERIFY,
      { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      { token: admin },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the superuser', async () => {
    const query = (sql: string): Promise<unknown> => h.sg.dataSource.query(sql);
    await expect(query(`UPDATE audit_log SET action = 'nothing' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const rights: Array<{ privilege_type: string }> = await h.sg.dataSource.query(
      `SELECT privilege_type FROM information_schema.role_table_grants
       WHERE table_name = 'audit_log' AND grantee = 'holovitals_audit_appender' ORDER BY privilege_type`,
    );
    expect(rights.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
  });

  it('names the row a superuser tampered with behind the trigger’s back', async () => {
    const rows: Array<{ seq: string; event_id: string }> = await h.sg.dataSource.query(
      `SELECT seq, event_id FROM audit_log ORDER BY seq OFFSET 11 LIMIT 1`,
    );
    const victim = rows[0]!;
    await h.sg.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = $1`, [victim.seq]);
    });

    expect(await verify()).toEqual({
      valid: false,
      checkedEntries: Number(victim.seq) - 1,
      firstBroken: { seq: victim.seq, eventId: victim.event_id, reason: 'CONTENT_CHANGED' },
    });
  });

  it('names the row after one a superuser deleted', async () => {
    await h.sg.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`DELETE FROM audit_log WHERE seq = 3`);
    });
    const result = await verify();
    expect(result.firstBroken).toMatchObject({ seq: '4', reason: 'ENTRY_MISSING' });
    expect(result.checkedEntries).toBe(2);
  });
});
