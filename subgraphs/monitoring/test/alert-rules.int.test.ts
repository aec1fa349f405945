import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateAlertRules } from '../src/alerts/alert-evaluation';
import { recordErrorOccurrence } from '../src/errors/error-recording';
import { scrapeMetrics } from '../src/metrics/metric-scraping';
import { ErrorOrigin } from '../src/monitoring-vocabulary';
import {
  eventually,
  startFakeService,
  startMonitoringHarness,
  type FakeService,
  type MonitoringHarness,
} from './support/monitoring-harness';

let h: MonitoringHarness;
let service: FakeService;
const scrape = {
  keepPrefixes: ['graphql_', 'queue_', 'events_', 'database_', 'credential_'],
  timeoutMs: 2_000,
  token: null,
};
const minutesAgo = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);

interface Alerts {
  operationalAlerts: Array<{ kind: string; subject: string; status: string; summary: string }>;
}

async function createRule(input: Record<string, unknown>): Promise<string> {
  const data = await h.admin<{ createAlertRule: { id: string } }>(
    `mutation ($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`,
    { input: { severity: 'WARNING', windowSeconds: 300, channels: [], ...input } },
  );
  return data.createAlertRule.id;
}

async function firing(): Promise<Alerts['operationalAlerts']> {
  const data = await h.admin<Alerts>(`{ operationalAlerts(status: FIRING) { kind subject status summary } }`);
  return data.operationalAlerts;
}

/** Two scrapes two minutes apart, so counters and histograms have an increase to measure. */
async function scrapeTwice(before: string, after: string): Promise<void> {
  service.metrics.text = before;
  await scrapeMetrics(h.sg.dataSource, [service.target('patient')], scrape, minutesAgo(2));
  service.metrics.text = after;
  await scrapeMetrics(h.sg.dataSource, [service.target('patient')], scrape, new Date());
}

beforeAll(async () => {
  h = await startMonitoringHarness();
  service = await startFakeService();
});

beforeEach(async () => {
  await h.sg.dataSource.query(
    `TRUNCATE monitoring_alert, monitoring_alert_rule, monitoring_metric_sample, monitoring_error_event, monitoring_error_group CASCADE`,
  );
});

afterAll(async () => {
  await h.stop();
  await service.stop();
});

const operations = (ok: number, failed: number): string =>
  `graphql_operations_total{operation="Dashboard",outcome="ok",service="patient"} ${ok}\n` +
  `graphql_operations_total{operation="Dashboard",outcome="error",service="patient"} ${failed}\n`;

const latency = (fast: number, slow: number): string =>
  [
    `graphql_operation_duration_seconds_bucket{le="0.1",operation="Dashboard",service="patient"} ${fast}`,
    `graphql_operation_duration_seconds_bucket{le="2.5",operation="Dashboard",service="patient"} ${fast + slow}`,
    `graphql_operation_duration_seconds_bucket{le="+Inf",operation="Dashboard",service="patient"} ${fast + slow}`,
  ].join('\n');

describe('alert rules', () => {
  it('ERROR_RATE fires when the share of failed operations in the window passes the threshold', async () => {
    await createRule({ name: 'Errors', kind: 'ERROR_RATE', threshold: 0.05, windowSeconds: 60 });
    await scrapeTwice(operations(100, 0), operations(190, 10));
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({
        kind: 'ERROR_RATE',
        subject: 'patient',
        summary: expect.stringContaining('10 of 100'),
      }),
    ]);
  });

  it('ERROR_RATE stays quiet under the threshold', async () => {
    await createRule({ name: 'Errors', kind: 'ERROR_RATE', threshold: 0.05, windowSeconds: 60 });
    await scrapeTwice(operations(100, 0), operations(199, 1));
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([]);
  });

  it('P95_LATENCY fires per operation from the histogram increase', async () => {
    await createRule({ name: 'Slow', kind: 'P95_LATENCY', threshold: 500, windowSeconds: 60 });
    await scrapeTwice(latency(10, 0), latency(80, 20));
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({ kind: 'P95_LATENCY', subject: 'patient/Dashboard' }),
    ]);

    const performance = await h.admin<{ performance: Array<Record<string, unknown>> }>(
      `query ($from: DateTime!, $to: DateTime!) { performance(from: $from, to: $to) { service operation count p50Ms p95Ms p99Ms } }`,
      { from: minutesAgo(3).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
    );
    expect(performance.performance).toEqual([
      expect.objectContaining({ service: 'patient', operation: 'Dashboard', count: 100 }),
    ]);
  });

  it('QUEUE_BACKLOG fires for a queue with more waiting jobs than the threshold', async () => {
    await createRule({ name: 'Backlog', kind: 'QUEUE_BACKLOG', threshold: 100 });
    service.metrics.text =
      'queue_jobs{queue="ehr.sync",state="waiting",service="ehr-worker"} 250\n' +
      'queue_jobs{queue="documents.process",state="waiting",service="documents-worker"} 3\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('ehr-worker')], scrape);
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({ kind: 'QUEUE_BACKLOG', subject: 'ehr-worker/ehr.sync' }),
    ]);
  });

  it('METRIC_THRESHOLD fires on any gauge, e.g. an event backlog', async () => {
    await createRule({
      name: 'Backlog of events',
      kind: 'METRIC_THRESHOLD',
      subject: 'events_consumer_backlog',
      threshold: 1000,
    });
    service.metrics.text =
      'events_consumer_backlog{type="audit.recorded",service="compliance"} 4200\n' +
      'events_consumer_backlog{type="consent.granted",service="compliance"} 0\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('compliance')], scrape);
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({
        kind: 'METRIC_THRESHOLD',
        summary: 'compliance: events_consumer_backlog is 4200 (limit 1000)',
      }),
    ]);
  });

  it('EVENT_LAG fires when compliance falls behind on audit.recorded (audit ingestion lag)', async () => {
    await createRule({
      name: 'Audit ingestion lag',
      kind: 'EVENT_LAG',
      subject: 'audit.recorded',
      threshold: 30,
    });
    service.metrics.text =
      'events_consumer_lag_seconds{type="audit.recorded",service="compliance"} 95.5\n' +
      'events_consumer_lag_seconds{type="patient.created",service="compliance"} 400\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('compliance')], scrape);
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({
        kind: 'EVENT_LAG',
        subject: 'compliance/audit.recorded',
        summary: 'compliance is 96 s behind on audit.recorded (limit 30 s)',
      }),
    ]);
  });

  it('DATABASE_ERRORS fires on failed statements within the window, not on the counter’s total', async () => {
    await createRule({ name: 'Database errors', kind: 'DATABASE_ERRORS', threshold: 5 });
    service.metrics.text = 'database_errors_total{service="patient"} 40\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('patient')], scrape, minutesAgo(6));
    service.metrics.text = 'database_errors_total{service="patient"} 43\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('patient')], scrape, new Date());
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([]);
    service.metrics.text = 'database_errors_total{service="patient"} 52\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('patient')], scrape, new Date());
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({
        kind: 'DATABASE_ERRORS',
        subject: 'patient',
        summary: 'patient: 12 SQL statements failed in 300 s (limit 5)',
      }),
    ]);
  });

  it('CREDENTIAL_EXPIRY fires when the signing key is due within the warning, or overdue', async () => {
    await createRule({ name: 'Key expiry', kind: 'CREDENTIAL_EXPIRY', threshold: 7 * 86_400 });
    service.metrics.text =
      'credential_expires_in_seconds{credential="jwt_signing_key",service="identity"} 2592000\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('identity')], scrape);
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([]);
    service.metrics.text =
      'credential_expires_in_seconds{credential="jwt_signing_key",service="identity"} -7200\n';
    await scrapeMetrics(h.sg.dataSource, [service.target('identity')], scrape);
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([
      expect.objectContaining({
        kind: 'CREDENTIAL_EXPIRY',
        subject: 'identity/jwt_signing_key',
        summary: 'identity: jwt_signing_key is 2 h overdue for replacement',
      }),
    ]);
  });

  it('ERROR_REPORTS fires when a service reports more errors than the threshold in the window', async () => {
    await createRule({ name: 'Error burst', kind: 'ERROR_REPORTS', threshold: 2 });
    for (let index = 0; index < 3; index += 1)
      await h.sg.dataSource.transaction((manager) =>
        recordErrorOccurrence(manager, {
          id: randomUUID(),
          service: 'ehr',
          origin: ErrorOrigin.RESOLVER,
          errorName: 'Error',
          message: `sync ${index} failed`,
          stack: null,
          traceId: null,
          operation: null,
          path: null,
          occurredAt: new Date(),
        }),
      );
    await evaluateAlertRules(h.sg.dataSource);
    expect(await firing()).toEqual([expect.objectContaining({ kind: 'ERROR_REPORTS', subject: 'ehr' })]);
  });

  it('SECURITY_ALERT fires from compliance’s security.alert.raised at or above its severity', async () => {
    await createRule({ name: 'Security', kind: 'SECURITY_ALERT', threshold: 3 });
    const raise = (severity: 'LOW' | 'HIGH', alertId: string): Promise<string> =>
      publishTestEvent(h.sg, {
        id: randomUUID(),
        type: 'security.alert.raised',
        source: 'compliance',
        occurredAt: new Date().toISOString(),
        traceId: null,
        payload: { alertId, kind: 'MANY_PATIENTS_READ', severity, actorId: null, patientId: null },
      });
    const low = randomUUID();
    const high = randomUUID();
    await raise('LOW', low);
    await raise('HIGH', high);
    const alerts = await eventually(firing, (list) => list.length > 0);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'SECURITY_ALERT', subject: `security-alert/${high}` }),
    ]);
  });

  it('RIGHTS_REQUEST_DEADLINE fires from compliance’s deadline notices at or above its stage', async () => {
    await createRule({ name: 'Rights clock', kind: 'RIGHTS_REQUEST_DEADLINE', threshold: 2 });
    const notice = (stage: 'WARNING' | 'OVERDUE', requestId: string): Promise<string> =>
      publishTestEvent(h.sg, {
        id: randomUUID(),
        type: 'rights.request.deadline.approaching',
        source: 'compliance',
        occurredAt: new Date().toISOString(),
        traceId: null,
        payload: {
          requestId,
          patientId: randomUUID(),
          requesterUserId: randomUUID(),
          kind: 'ACCESS',
          stage,
          dueAt: '2026-12-31T00:00:00.000Z',
        },
      });
    const warned = randomUUID();
    const overdue = randomUUID();
    await notice('WARNING', warned);
    await notice('OVERDUE', overdue);
    const alerts = await eventually(firing, (list) => list.length > 0);
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'RIGHTS_REQUEST_DEADLINE',
        subject: `rights-request/${overdue}/OVERDUE`,
        summary: `Patient rights request ${overdue} (ACCESS) is past its deadline of 2026-12-31T00:00:00.000Z`,
      }),
    ]);
    const stage = await h.sg.graphql(
      `mutation ($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`,
      {
        input: {
          name: 'Bad stage',
          kind: 'RIGHTS_REQUEST_DEADLINE',
          threshold: 3,
          windowSeconds: 0,
          channels: [],
        },
      },
      { token: h.adminToken },
    );
    expect(stage.body.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'threshold' }),
    );
  });

  it('refuses a rule with a bad threshold or channel target', async () => {
    const response = await h.sg.graphql(
      `mutation ($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`,
      {
        input: {
          name: 'Bad',
          kind: 'ERROR_RATE',
          threshold: 5,
          windowSeconds: 300,
          channels: [{ kind: 'WEBHOOK', target: 'not a url' }],
        },
      },
      { token: h.adminToken },
    );
    expect(response.body.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'threshold' }),
    );
  });
});
