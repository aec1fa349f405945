import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const RAISE = `mutation Raise($input: RaiseSecurityAlertInput!) {
  raiseSecurityAlert(input: $input) { id kind severity status details patientId raisedBy raisedAt }
}`;
const ACK = `mutation Ack($id: ID!) { acknowledgeAlert(id: $id) { id status acknowledgedBy acknowledgedAt } }`;
const RESOLVE = `mutation Resolve($id: ID!) { resolveAlert(id: $id) { id status } }`;
const LIST = `query Alerts($status: SecurityAlertStatus, $severity: SecurityAlertSeverity, $first: Int, $after: String) {
  securityAlerts(status: $status, severity: $severity, first: $first, after: $after) {
    edges { cursor node { id severity status } }
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ONE = `query One($id: ID!) { securityAlert(id: $id) { id details } }`;

interface Page {
  edges: Array<{ cursor: string; node: { id: string; severity: string; status: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

let h: ComplianceHarness;
let admin: string;
const adminId = randomUUID();

async function alertCount(): Promise<number> {
  const rows: Array<{ n: string }> = await h.sg.dataSource.query('SELECT count(*) AS n FROM security_alert');
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  h = await startComplianceHarness({ EVENTS_ENABLED: 'false' });
  admin = await h.token('ADMIN', adminId);
});

afterAll(() => h.stop());

describe('security alerts for ADMIN', () => {
  const raised: string[] = [];

  it('raises manual alerts with their security.alert.raised event and an audit entry', async () => {
    const patientId = randomUUID();
    for (const severity of ['LOW', 'HIGH', 'HIGH', 'CRITICAL', 'MEDIUM']) {
      const response = await h.sg.graphql<{
        raiseSecurityAlert: { id: string; kind: string; raisedBy: string };
      }>(RAISE, { input: { severity, details: `Phishing report ${severity}`, patientId } }, { token: admin });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.raiseSecurityAlert).toMatchObject({ kind: 'MANUAL', raisedBy: adminId });
      raised.push(response.body.data!.raiseSecurityAlert.id);
    }
    const events: Array<{ payload: { alertId: string; kind: string; patientId: string } }> =
      await h.sg.dataSource.query(
        `SELECT payload FROM event_outbox WHERE type = 'security.alert.raised' ORDER BY occurred_at`,
      );
    expect(events.map((row) => row.payload.alertId)).toEqual(raised);
    expect(events[0]!.payload).toMatchObject({ kind: 'MANUAL', patientId });
    const audits: Array<{ payload: { action: string; entityType: string } }> = await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload->>'entityType' = 'SecurityAlert'`,
    );
    expect(audits.filter((row) => row.payload.action === 'raise')).toHaveLength(5);
  });

  it('lists alerts newest first in cursor pages, filtered by status and severity', async () => {
    const first = await h.sg.graphql<{ securityAlerts: Page }>(LIST, { first: 2 }, { token: admin });
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.securityAlerts;
    expect(page1.nodes.map((n) => n.id)).toEqual([raised[4], raised[3]]);
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[1]!.cursor });
    const rest = await h.sg.graphql<{ securityAlerts: Page }>(
      LIST,
      { first: 10, after: page1.pageInfo.endCursor },
      { token: admin },
    );
    expect(rest.body.data!.securityAlerts.nodes.map((n) => n.id)).toEqual([raised[2], raised[1], raised[0]]);
    expect(rest.body.data!.securityAlerts.pageInfo.hasNextPage).toBe(false);

    const high = await h.sg.graphql<{ securityAlerts: Page }>(LIST, { severity: 'HIGH' }, { token: admin });
    expect(high.body.data!.securityAlerts.nodes.map((n) => n.id)).toEqual([raised[2], raised[1]]);
  });

  it('acknowledges, then resolves, and refuses going back', async () => {
    const ack = await h.sg.graphql<{ acknowledgeAlert: { status: string; acknowledgedBy: string } }>(
      ACK,
      { id: raised[0] },
      { token: admin },
    );
    expect(ack.body.data!.acknowledgeAlert).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedBy: adminId,
    });
    const open = await h.sg.graphql<{ securityAlerts: Page }>(LIST, { status: 'OPEN' }, { token: admin });
    expect(open.body.data!.securityAlerts.nodes.map((n) => n.id)).not.toContain(raised[0]);
    const acknowledged = await h.sg.graphql<{ securityAlerts: Page }>(
      LIST,
      { status: 'ACKNOWLEDGED' },
      { token: admin },
    );
    expect(acknowledged.body.data!.securityAlerts.nodes.map((n) => n.id)).toEqual([raised[0]]);

    const resolved = await h.sg.graphql<{ resolveAlert: { status: string } }>(
      RESOLVE,
      { id: raised[0] },
      { token: admin },
    );
    expect(resolved.body.data!.resolveAlert.status).toBe('RESOLVED');
    const again = await h.sg.graphql(ACK, { id: raised[0] }, { token: admin });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers one alert by id, and NOT_FOUND when acknowledging an unknown one', async () => {
    const one = await h.sg.graphql<{ securityAlert: { details: string } }>(
      ONE,
      { id: raised[3] },
      { token: admin },
    );
    expect(one.body.data!.securityAlert.details).toBe('Phishing report CRITICAL');
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await h.sg.graphql(ACK, { id }, { token: admin });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = await alertCount();
    for (const input of [
      { severity: 'HIGH', details: '' },
      { severity: 'HIGH', details: 'x'.repeat(2001) },
      { severity: 'HIGH', details: 'ok', patientId: 'nope' },
      { severity: 'SEVERE', details: 'ok' },
    ]) {
      const response = await h.sg.graphql(RAISE, { input }, { token: admin });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const badCursor = await h.sg.graphql(LIST, { after: 'garbage' }, { token: admin });
    expect(badCursor.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await alertCount()).toBe(before);
  });

  it('is ADMIN only', async () => {
    for (const role of ['PATIENT', 'CLINICIAN'] as const) {
      const token = await h.token(role);
      for (const [query, variables] of [
        [LIST, {}],
        [ONE, { id: raised[1] }],
        [ACK, { id: raised[1] }],
        [RAISE, { input: { severity: 'LOW', details: 'x' } }],
      ] as const) {
        const response = await h.sg.graphql(query, variables, { token });
        expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
    const anonymous = await h.sg.graphql(LIST, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
