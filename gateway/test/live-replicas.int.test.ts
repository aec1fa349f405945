import { revokedSessionKey } from '@holovitals/auth';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  eventually,
  metric,
  startLiveHarness,
  type GatewayReplica,
  type LiveHarness,
} from './live-harness';

const CHANGES = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) {
  __typename patientId kind changed patient { id observations(first: 5) { nodes { display } } } } }`;

interface Change {
  data: {
    patientRecordChanged: {
      __typename: string;
      patientId: string;
      kind: string;
      changed: string[];
      patient: { id: string; observations: { nodes: { display: string }[] } };
    };
  };
}

let h: LiveHarness;
beforeAll(async () => {
  // The periodic token re-check is an hour away, so only the expiry timer can close a socket here.
  const env = { LIVE_RECHECK_MS: '3600000' };
  h = await startLiveHarness([env, env]);
}, 180_000);
afterAll(() => h.stop());

const subscribed = (count: number) => async (): Promise<boolean> =>
  (await Promise.all(h.gateways.map((gateway) => metric(gateway, 'gateway_live_subscriptions')))).reduce(
    (sum, value) => sum + value,
    0,
  ) >= count;

describe('subscriptions on two gateway replicas', () => {
  it('delivers a change published once to subscribers on both gateways, each read with its own token', async () => {
    const user = await h.patientUser();
    const [a, b] = h.gateways as [GatewayReplica, GatewayReplica];
    const onA = collect<Change>(h.client(a, user.token), CHANGES, { p: user.patientId });
    const onB = collect<Change>(h.client(b, user.token), CHANGES, { p: user.patientId });
    await eventually(subscribed(2));

    await h.recordObservation(a, user, 'Glucose fasting');
    const [fromA, fromB] = await Promise.all([onA.waitFor(1), onB.waitFor(1)]);
    for (const events of [fromA, fromB]) {
      expect(events).toHaveLength(1);
      expect(events[0]!.data.patientRecordChanged).toMatchObject({
        __typename: 'PatientRecordChange',
        patientId: user.patientId,
        kind: 'UPDATED',
        changed: ['observation'],
        patient: { id: user.patientId, observations: { nodes: [{ display: 'Glucose fasting' }] } },
      });
    }
    // One publish, one event per subscriber: no replica forwards to another.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([onA.events.length, onB.events.length]).toEqual([1, 1]);
    onA.stop();
    onB.stop();
    await eventually(async () => !(await subscribed(1)()));
  });

  it("refuses a subscription to another patient's record with the owner's error, on either gateway", async () => {
    const owner = await h.patientUser();
    const other = await h.patientUser();
    for (const gateway of h.gateways) {
      const attempt = collect<Change>(h.client(gateway, other.token), CHANGES, { p: owner.patientId });
      const error = (await attempt.failed()) as { extensions?: { code?: string } }[];
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(error[0]?.extensions?.code);
      expect(attempt.events).toEqual([]);
    }
  });

  it('refuses a connection without a valid token with 4403', async () => {
    const user = await h.patientUser();
    const forged = await h.issuer.forgedToken({ sub: user.id, roles: ['PATIENT'] });
    for (const token of [forged, 'not-a-token']) {
      const closed = new Promise<number>((resolve) => {
        const attempt = collect<Change>(h.client(h.gateways[0]!, token, resolve), CHANGES, {
          p: user.patientId,
        });
        void attempt;
      });
      expect(await closed).toBe(4403);
    }
  });

  it('closes the socket with 4403 when the access token expires', async () => {
    const user = await h.patientUser();
    const shortLived = await h.issuer.token({ sub: user.id, roles: ['PATIENT'], expiresIn: 3 });
    const openedAt = Date.now();
    const closed = new Promise<number>((resolve) => {
      collect<Change>(h.client(h.gateways[1]!, shortLived, resolve), CHANGES, { p: user.patientId });
    });
    const code = await closed;
    expect(code).toBe(4403);
    // Closed by the expiry timer (the periodic re-check is an hour away), within about the token's lifetime.
    expect(Date.now() - openedAt).toBeLessThan(6_000);
    expect(await metric(h.gateways[1]!, 'gateway_live_sockets_closed_total', 'reason="token_expired"')).toBe(
      1,
    );
  });

  it('closes the socket with 4403 at the next event once the session is revoked, without sending it', async () => {
    const user = await h.patientUser();
    const sid = randomUUID();
    const token = await h.issuer.token({ sub: user.id, roles: ['PATIENT'], sid });
    let onClosed: (code: number) => void = () => undefined;
    const closed = new Promise<number>((resolve) => (onClosed = resolve));
    const watching = collect<Change>(h.client(h.gateways[0]!, token, onClosed), CHANGES, {
      p: user.patientId,
    });
    await eventually(subscribed(1));
    // What identity writes on sign-out; the periodic re-check is an hour away, so the event's own check closes it.
    const redis = new Redis(h.redisUrl);
    await redis.set(revokedSessionKey(sid), '1', 'EX', 60);
    redis.disconnect();
    await h.recordObservation(h.gateways[0]!, user, 'after sign-out');
    expect(await closed).toBe(4403);
    expect(watching.events).toEqual([]);
    expect(await metric(h.gateways[0]!, 'gateway_live_sockets_closed_total', 'reason="session_ended"')).toBe(
      1,
    );
  });

  it('a replica shutting down closes its sockets with 1001 (going away); the other replica keeps serving', async () => {
    const user = await h.patientUser();
    const [a, b] = h.gateways as [GatewayReplica, GatewayReplica];
    const closedOnB = new Promise<number>((resolve) => {
      collect<Change>(h.client(b, user.token, resolve), CHANGES, { p: user.patientId });
    });
    const onA = collect<Change>(h.client(a, user.token), CHANGES, { p: user.patientId });
    await eventually(subscribed(2));
    await b.stop();
    expect(await closedOnB).toBe(1001);
    await h.recordObservation(a, user, 'after a replica left');
    expect((await onA.waitFor(1))[0]!.data.patientRecordChanged.patient.observations.nodes[0]).toEqual({
      display: 'after a replica left',
    });
  });
});
