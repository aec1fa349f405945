import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  eventually,
  metric,
  startLiveHarness,
  type GatewayReplica,
  type LiveHarness,
} from './live-harness';

const SMALL = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) { kind patient { id } } }`;

interface Change {
  data: { patientRecordChanged: { kind: string; patient: { id: string } } };
}

type Refusal = { message: string; extensions: { code: string } }[];

let h: LiveHarness;
let a: GatewayReplica;
let b: GatewayReplica;
beforeAll(async () => {
  const env = { LIVE_MAX_PER_USER: '3', LIVE_SLOT_LEASE_MS: '1500' };
  h = await startLiveHarness([env, env]);
  [a, b] = h.gateways as [GatewayReplica, GatewayReplica];
}, 180_000);
afterAll(() => h.stop());

const open = async (): Promise<number> =>
  (await metric(a, 'gateway_live_subscriptions')) + (await metric(b, 'gateway_live_subscriptions'));

describe('the per-user subscription cap across gateway replicas', () => {
  it("counts a user's subscriptions on both replicas and frees a slot when one ends", async () => {
    const user = await h.patientUser();
    const onA = h.client(a, user.token);
    const onB = h.client(b, user.token);
    const first = collect<Change>(onA, SMALL, { p: user.patientId });
    const kept = [
      collect<Change>(onA, SMALL, { p: user.patientId }),
      collect<Change>(onB, SMALL, { p: user.patientId }),
    ];
    await eventually(async () => (await open()) >= 3);

    for (const client of [onA, onB]) {
      const over = collect<Change>(client, SMALL, { p: user.patientId });
      expect(((await over.failed()) as Refusal)[0]).toMatchObject({
        message: 'At most 3 subscriptions per user.',
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
      });
    }
    // Another user has slots of their own.
    const other = await h.patientUser();
    const theirs = collect<Change>(h.client(b, other.token), SMALL, { p: other.patientId });
    await eventually(async () => (await open()) >= 4);
    expect(theirs.error()).toBeUndefined();

    first.stop();
    await eventually(async () => (await open()) === 3);
    const again = collect<Change>(onB, SMALL, { p: user.patientId });
    await eventually(async () => (await open()) === 4);
    await h.recordObservation(a, user);
    for (const subscription of [...kept, again]) expect(await subscription.waitFor(1)).toHaveLength(1);
    for (const subscription of [...kept, again, theirs]) subscription.stop();
    await eventually(async () => (await open()) === 0);
  });

  it('frees the slots of a replica that died without releasing them once their lease runs out', async () => {
    const user = await h.patientUser();
    const onB = h.client(b, user.token);
    for (let index = 0; index < 3; index += 1) collect<Change>(onB, SMALL, { p: user.patientId });
    await eventually(async () => (await metric(b, 'gateway_live_subscriptions')) >= 3);
    const refused = collect<Change>(h.client(a, user.token), SMALL, { p: user.patientId });
    expect(((await refused.failed()) as Refusal)[0]?.extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');

    // SIGKILL: no close handler runs, nothing is released; only the leases' expiry can give the slots back.
    process.kill(b.pid, 'SIGKILL');
    const onA = h.client(a, user.token);
    let accepted: ReturnType<typeof collect<Change>> | null = null;
    await eventually(async () => {
      const attempt = collect<Change>(onA, SMALL, { p: user.patientId });
      await eventually(
        async () => attempt.error() !== undefined || (await metric(a, 'gateway_live_subscriptions')) >= 1,
      );
      if (attempt.error() !== undefined) return false;
      accepted = attempt;
      return true;
    }, 30_000);
    expect(accepted).not.toBeNull();
    await h.recordObservation(a, user);
    expect(await accepted!.waitFor(1)).toHaveLength(1);
  }, 60_000);
});
