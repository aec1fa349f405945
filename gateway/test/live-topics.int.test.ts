import { subscriptionChannel } from '@holovitals/live-changes';
import { graphqlRequest } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, eventually, metric, startLiveHarness, type LiveHarness } from './live-harness';

const ALERTS = `subscription { securityAlertRaised { __typename id severity status details raisedBy } }`;

interface Raised {
  data: {
    securityAlertRaised: {
      __typename: string;
      id: string;
      severity: string;
      status: string;
      details: string;
      raisedBy: string;
    };
  };
}

let h: LiveHarness;
let redis: Redis;
beforeAll(async () => {
  h = await startLiveHarness([{}], { compliance: true });
  redis = new Redis(h.redisUrl);
}, 180_000);
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

async function raiseAlert(token: string, details: string): Promise<string> {
  const response = await graphqlRequest<{ raiseSecurityAlert: { id: string } }>(
    h.gateways[0]!.url,
    'mutation R($i: RaiseSecurityAlertInput!) { raiseSecurityAlert(input: $i) { id } }',
    { i: { severity: 'HIGH', details } },
    { token },
  );
  if (response.body.errors !== undefined) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data!.raiseSecurityAlert.id;
}

describe('a subscription without an ID argument (a topic)', () => {
  it('delivers each raised alert to an ADMIN, read with their token, and skips one that does not exist', async () => {
    const admin = await h.adminToken();
    const watching = collect<Raised>(h.client(h.gateways[0]!, admin), ALERTS, {});
    await eventually(async () => (await metric(h.gateways[0]!, 'gateway_live_subscriptions')) >= 1);

    // A message naming no alert (deleted, or never raised) gives no event and does not end the subscription.
    await redis.publish(
      subscriptionChannel('securityAlertRaised', {}),
      JSON.stringify({
        typename: 'SecurityAlert',
        key: { id: randomUUID() },
        kind: 'CREATED',
        changed: [],
        at: new Date().toISOString(),
      }),
    );
    const id = await raiseAlert(admin, 'Badge cloned at the front desk');
    const [event] = await watching.waitFor(1, 20_000);
    expect(event!.data.securityAlertRaised).toEqual({
      __typename: 'SecurityAlert',
      id,
      severity: 'HIGH',
      status: 'OPEN',
      details: 'Badge cloned at the front desk',
      raisedBy: expect.any(String),
    });

    const second = await raiseAlert(admin, 'Second report');
    const events = await watching.waitFor(2, 20_000);
    expect(events.map((each) => each.data.securityAlertRaised.id)).toEqual([id, second]);
    watching.stop();
  });

  it("refuses a patient with the owner's FORBIDDEN at subscribe time", async () => {
    const patient = await h.patientUser();
    const attempt = collect<Raised>(h.client(h.gateways[0]!, patient.token), ALERTS, {});
    const error = (await attempt.failed()) as { extensions?: { code?: string } }[];
    expect(error[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(attempt.events).toEqual([]);
  });
});
