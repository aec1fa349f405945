import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../src/audit/audit-append';
import { startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const REPORT = `query Report($from: DateTime!, $to: DateTime!) {
  complianceReport(from: $from, to: $to) {
    from to
    totals { action role count }
    phiAccesses { patientId accesses denied }
    deniedAccesses { actorId action entityType count }
    deniedTotal
    alerts { kind severity status count }
    chain { valid checkedEntries firstBroken { seq reason } }
    csv
  }
}`;
const RBAC = `query Rbac($filter: RbacAccessLogFilter, $first: Int, $after: String) {
  rbacAccessLog(filter: $filter, first: $first, after: $after) {
    nodes { seq decision actorId action }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Report {
  totals: Array<{ action: string; role: string; count: number }>;
  phiAccesses: Array<{ patientId: string; accesses: number; denied: number }>;
  deniedAccesses: Array<{ actorId: string; action: string; entityType: string; count: number }>;
  deniedTotal: number;
  alerts: Array<{ kind: string; severity: string; status: string; count: number }>;
  chain: { valid: boolean; checkedEntries: number; firstBroken: null };
  csv: string;
}

let h: ComplianceHarness;
let admin: string;
const clinician = randomUUID();
const stranger = randomUUID();
const patientA = randomUUID();
const patientB = randomUUID();
const inRange = new Date('2026-06-10T12:00:00Z');
const outOfRange = new Date('2026-03-01T12:00:00Z');

/** Writes audit entries straight into the chain, as ingestion would, at the given times. */
async function seed(
  entries: Array<{
    at: Date;
    actor: string;
    roles: string[];
    action: string;
    patients: string[];
    outcome: string;
  }>,
): Promise<void> {
  await h.sg.dataSource.transaction(async (manager) => {
    await appendAuditEvents(
      manager,
      entries.map((entry) => ({
        id: randomUUID(),
        type: 'audit.recorded' as const,
        source: 'patient',
        occurredAt: entry.at.toISOString(),
        traceId: null,
        payload: {
          actorId: entry.actor,
          actorRoles: entry.roles,
          action: entry.action,
          entityType: 'Patient',
          entityIds: entry.patients,
          patientIds: entry.patients,
          outcome: entry.outcome as 'SUCCESS' | 'DENIED',
          traceId: null,
          clientIp: null,
          service: 'patient',
          onBehalfOf: null,
          consentId: null,
        },
      })),
    );
  });
}

beforeAll(async () => {
  h = await startComplianceHarness({ EVENTS_ENABLED: 'false', COMPLIANCE_REPORT_MAX_DAYS: '90' });
  admin = await h.token('ADMIN');
  await seed([
    {
      at: outOfRange,
      actor: clinician,
      roles: ['CLINICIAN'],
      action: 'read',
      patients: [patientA],
      outcome: 'SUCCESS',
    },
    {
      at: inRange,
      actor: clinician,
      roles: ['CLINICIAN'],
      action: 'read',
      patients: [patientA],
      outcome: 'SUCCESS',
    },
    {
      at: inRange,
      actor: clinician,
      roles: ['CLINICIAN'],
      action: 'read',
      patients: [patientA, patientB],
      outcome: 'SUCCESS',
    },
    {
      at: inRange,
      actor: stranger,
      roles: ['PATIENT'],
      action: 'read',
      patients: [patientB],
      outcome: 'DENIED',
    },
    {
      at: inRange,
      actor: stranger,
      roles: ['PATIENT'],
      action: 'read',
      patients: [patientB],
      outcome: 'DENIED',
    },
  ]);
  await h.sg.dataSource.query(
    `INSERT INTO security_alert (kind, severity, subject, details, raised_at)
     VALUES ('ACCESS_WITHOUT_CONSENT', 'HIGH', $1, 'x', $2), ('MANUAL', 'LOW', 'y', 'y', $3)`,
    [stranger, inRange, outOfRange],
  );
});

afterAll(() => h.stop());

describe('compliance report', () => {
  it('counts actions per role, accesses per patient, denials, alerts and checks the chain over the range', async () => {
    const response = await h.sg.graphql<{ complianceReport: Report }>(
      REPORT,
      { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z' },
      { token: admin },
    );
    expect(response.body.errors).toBeUndefined();
    const report = response.body.data!.complianceReport;
    expect(report.totals).toEqual([
      { action: 'read', role: 'CLINICIAN', count: 2 },
      { action: 'read', role: 'PATIENT', count: 2 },
    ]);
    expect(report.phiAccesses).toEqual([
      { patientId: patientB, accesses: 3, denied: 2 },
      { patientId: patientA, accesses: 2, denied: 0 },
    ]);
    expect(report.deniedAccesses).toEqual([
      { actorId: stranger, action: 'read', entityType: 'Patient', count: 2 },
    ]);
    expect(report.deniedTotal).toBe(2);
    expect(report.alerts).toEqual([
      { kind: 'ACCESS_WITHOUT_CONSENT', severity: 'HIGH', status: 'OPEN', count: 1 },
    ]);
    expect(report.chain).toEqual({ valid: true, checkedEntries: 4, firstBroken: null });
    const csv = report.csv.split('\r\n');
    expect(csv[0]).toBe('section,key,detail,extra,count');
    expect(csv).toContain('action_by_role,read,CLINICIAN,,2');
    expect(csv).toContain(`phi_access_by_patient,${patientB},denied,2,3`);
    expect(csv).toContain('denied_total,,,,2');
    expect(csv).toContain('audit_chain,valid,,,4');
  });

  it('refuses from after to, and a range over the maximum, as BAD_USER_INPUT, auditing nothing', async () => {
    const before: Array<{ n: string }> = await h.sg.dataSource.query(
      `SELECT count(*) AS n FROM event_outbox WHERE payload->>'entityType' = 'ComplianceReport'`,
    );
    for (const range of [
      { from: '2026-06-30T00:00:00Z', to: '2026-06-01T00:00:00Z' },
      { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' },
    ]) {
      const response = await h.sg.graphql(REPORT, range, { token: admin });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const after: Array<{ n: string }> = await h.sg.dataSource.query(
      `SELECT count(*) AS n FROM event_outbox WHERE payload->>'entityType' = 'ComplianceReport'`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('is ADMIN only', async () => {
    const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z' };
    for (const role of ['PATIENT', 'CLINICIAN'] as const) {
      const response = await h.sg.graphql(REPORT, range, { token: await h.token(role) });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const rbac = await h.sg.graphql(RBAC, {}, { token: await h.token(role) });
      expect(rbac.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('RBAC access log', () => {
  it('lets ADMIN page through allow and deny decisions, filtered by decision and actor', async () => {
    const denied = await h.sg.graphql<{
      rbacAccessLog: { nodes: Array<{ actorId: string; decision: string }> };
    }>(RBAC, { filter: { decision: 'DENY' } }, { token: admin });
    expect(denied.body.data!.rbacAccessLog.nodes).toEqual([
      expect.objectContaining({ actorId: stranger, decision: 'DENY' }),
      expect.objectContaining({ actorId: stranger, decision: 'DENY' }),
    ]);
    const first = await h.sg.graphql<{
      rbacAccessLog: { nodes: Array<{ seq: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(RBAC, { filter: { actorId: clinician }, first: 2 }, { token: admin });
    expect(first.body.data!.rbacAccessLog.pageInfo.hasNextPage).toBe(true);
    const second = await h.sg.graphql<{ rbacAccessLog: { nodes: Array<{ seq: string }> } }>(
      RBAC,
      { filter: { actorId: clinician }, first: 2, after: first.body.data!.rbacAccessLog.pageInfo.endCursor },
      { token: admin },
    );
    expect(second.body.data!.rbacAccessLog.nodes.map((n) => n.seq)).toEqual(['1']);
    const bad = await h.sg.graphql(RBAC, { after: 'x' }, { token: admin });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
