import { subscriptionChannel } from '@holovitals/live-changes';
import { startTestMailbox, type TestMailbox } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  startFakeService,
  startMonitoringHarness,
  startWebhookReceiver,
  type FakeService,
  type MonitoringHarness,
} from './support/monitoring-harness';

interface Health {
  health: Array<{
    id: string;
    status: string;
    detail: string | null;
    transitions: Array<{ from: string; to: string }>;
  }>;
}
interface Alerts {
  operationalAlerts: Array<{
    id: string;
    kind: string;
    subject: string;
    status: string;
    notifiedAt: string | null;
  }>;
}

const HEALTH = `{ health { id status detail transitions(first: 5) { from to } } }`;
const ALERTS = `{ operationalAlerts { id kind subject status notifiedAt } }`;

let h: MonitoringHarness;
let service: FakeService;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let mailbox: TestMailbox;
const ONE = subscriptionChannel('serviceHealthChanged', { serviceId: 'fake-subgraph' });
const EVERY = subscriptionChannel('serviceHealthChanged', {});
const published: string[] = [];
const publishedToEvery: string[] = [];
let subscriber: Redis;

beforeAll(async () => {
  h = await startMonitoringHarness();
  service = await startFakeService();
  hooks = await startWebhookReceiver();
  mailbox = await startTestMailbox();
  subscriber = new Redis(h.redisUrl);
  await subscriber.subscribe(ONE, EVERY);
  subscriber.on('message', (channel, message: string) =>
    (channel === ONE ? published : publishedToEvery).push(message),
  );
});

afterAll(async () => {
  subscriber.disconnect();
  await h.stop();
  await service.stop();
  await hooks.stop();
  await mailbox.stop();
});

describe('service health', () => {
  it('shows a stopped process DOWN within 10 s, fires SERVICE_DOWN to webhook, Slack and e-mail, and resolves when it is back', async () => {
    await h.admin(`mutation ($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`, {
      input: {
        name: 'Process down',
        kind: 'SERVICE_DOWN',
        threshold: 0,
        windowSeconds: 0,
        severity: 'CRITICAL',
        channels: [
          { kind: 'WEBHOOK', target: `${hooks.url}/hook` },
          { kind: 'SLACK', target: `${hooks.url}/slack` },
          { kind: 'EMAIL', target: 'oncall@example.org' },
        ],
      },
    });
    await h.startWorker([service.target('fake-subgraph')], { SMTP_URL: mailbox.url });
    const up = await eventually(
      () => h.admin<Health>(HEALTH),
      (data) => data.health[0]?.status === 'UP',
    );
    expect(up.health).toEqual([expect.objectContaining({ id: 'fake-subgraph', status: 'UP' })]);

    await service.stop();
    const stoppedAt = Date.now();
    const down = await eventually(
      () => h.admin<Health>(HEALTH),
      (data) => data.health[0]?.status === 'DOWN',
      10_000,
    );
    const downAfterMs = Date.now() - stoppedAt;
    process.stdout.write(`monitoring saw the stopped process DOWN after ${downAfterMs} ms\n`);
    expect(down.health[0]?.status).toBe('DOWN');
    expect(downAfterMs).toBeLessThan(10_000);
    expect(down.health[0]?.transitions[0]).toEqual({ from: 'UP', to: 'DOWN' });

    const delivered = await eventually(
      async () => hooks.received,
      (list) => list.length >= 2,
    );
    const hook = delivered.find((received) => received.path === '/hook');
    const slack = delivered.find((received) => received.path === '/slack');
    expect(hook?.signatureValid).toBe(true);
    expect(hook?.body.alert).toEqual(
      expect.objectContaining({ kind: 'SERVICE_DOWN', subject: 'fake-subgraph', severity: 'CRITICAL' }),
    );
    expect(slack?.signatureValid).toBe(true);
    expect(String(slack?.body.text)).toContain('fake-subgraph is DOWN');
    const mail = await mailbox.waitFor('oncall@example.org');
    expect(mail.subject).toContain('Process down');

    const alerts = await eventually(
      () => h.admin<Alerts>(ALERTS),
      (data) => data.operationalAlerts[0]?.notifiedAt !== null,
    );
    expect(alerts.operationalAlerts).toEqual([
      expect.objectContaining({ kind: 'SERVICE_DOWN', subject: 'fake-subgraph', status: 'FIRING' }),
    ]);
    const changes = published.map(
      (message) => JSON.parse(message) as { typename: string; key: { id: string } },
    );
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.at(-1)).toEqual(
      expect.objectContaining({ typename: 'ServiceHealth', key: { id: 'fake-subgraph' } }),
    );
    // serviceHealthChanged without serviceId listens on the topic channel, which gets every process's changes.
    expect(publishedToEvery).toEqual(published);

    const acknowledged = await h.admin<{ acknowledgeOperationalAlert: { status: string } }>(
      `mutation ($id: ID!) { acknowledgeOperationalAlert(id: $id) { status } }`,
      { id: alerts.operationalAlerts[0]?.id },
    );
    expect(acknowledged.acknowledgeOperationalAlert.status).toBe('ACKNOWLEDGED');

    await service.start();
    const resolved = await eventually(
      () => h.admin<Alerts>(ALERTS),
      (data) => data.operationalAlerts[0]?.status === 'RESOLVED',
    );
    expect(resolved.operationalAlerts[0]?.status).toBe('RESOLVED');
    expect((await h.admin<Health>(HEALTH)).health[0]?.status).toBe('UP');
  });

  it('is ADMIN-only: a patient gets FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    const patient = await h.sg.graphql(HEALTH, {}, { token: h.patientToken });
    expect(patient.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await h.sg.graphql(HEALTH, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
