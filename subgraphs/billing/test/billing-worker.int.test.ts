import { runWorker, type RunningWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingWorker } from '../src/billing-worker';
import { type BillingTestStack, payCheckout, startBillingTestStack } from './billing-test-stack';

const prefix = `hv-test-${randomBytes(4).toString('hex')}`;
let h: BillingTestStack;
const workers: RunningWorker[] = [];

function startWorker(): Promise<RunningWorker> {
  return runWorker(billingWorker, {
    DATABASE_URL: (h.sg.dataSource.options as { url: string }).url,
    REDIS_URL: h.sg.redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    BILLING_GRACE_DAYS: '7',
    BILLING_GRACE_SWEEP_MS: '1000',
  }).then((worker) => {
    workers.push(worker);
    return worker;
  });
}

beforeAll(async () => {
  h = await startBillingTestStack();
});
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await h?.stop();
  const redis = new Redis(h.sg.redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

async function subscriber(): Promise<{ userId: string; customer: string }> {
  const userId = randomUUID();
  const token = await h.patientToken(userId);
  const checkout = await h.sg.graphql<{ createCheckoutSession: { id: string; url: string } }>(
    'mutation { createCheckoutSession(plan: PLUS, interval: MONTH) { id url } }',
    {},
    { token },
  );
  await payCheckout(checkout.body.data!.createCheckoutSession.url);
  await h.stripeServer.webhooks.idle();
  const session = await h.stripe.checkout.sessions.retrieve(checkout.body.data!.createCheckoutSession.id);
  return { userId, customer: String(session.customer) };
}

/** Two subscribers whose renewal is declined (one clock jump past both period ends): both PAST_DUE. */
async function pastDueSubscribers(): Promise<[{ userId: string }, { userId: string }]> {
  const first = await subscriber();
  const second = await subscriber();
  await h.control('/test/decline-next-payment', { customer: first.customer });
  await h.control('/test/decline-next-payment', { customer: second.customer });
  await h.control('/test/advance-clock', { seconds: String(32 * 86400) });
  return [first, second];
}

async function statusOf(userId: string): Promise<string | undefined> {
  const rows = (await h.sg.dataSource.query(`SELECT status FROM billing_subscription WHERE user_id = $1`, [
    userId,
  ])) as { status: string }[];
  return rows[0]?.status;
}

describe('billing-worker', () => {
  it('locks a PAST_DUE subscription whose grace period ended, on its schedule, and publishes entitlements', async () => {
    const [expired, inGrace] = await pastDueSubscribers();
    expect(await statusOf(expired.userId)).toBe('PAST_DUE');
    await h.sg.dataSource.query(
      `UPDATE billing_subscription SET past_due_since = now() - interval '8 days' WHERE user_id = $1`,
      [expired.userId],
    );

    // Two workers, one schedule: the repeatable job is shared.
    await startWorker();
    await startWorker();
    await expect.poll(() => statusOf(expired.userId), { timeout: 15_000, interval: 200 }).toBe('LOCKED');
    expect(await statusOf(inGrace.userId)).toBe('PAST_DUE');

    const [history] = (await h.sg.dataSource.query(
      `SELECT count(*)::int AS n FROM billing_subscription_history h JOIN billing_subscription s
       ON s.id = h.subscription_id WHERE s.user_id = $1 AND h.reason = 'grace_expired'`,
      [expired.userId],
    )) as { n: number }[];
    expect(history?.n).toBe(1);
    const [event] = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'billing.entitlements.changed' AND payload->>'userId' = $1
       ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [expired.userId],
    )) as { payload: { status: string; features: string[] } }[];
    expect(event?.payload.status).toBe('LOCKED');
    expect(event?.payload.features).not.toContain('AI_ANALYSIS');

    const ready = await fetch(`http://127.0.0.1:${workers[0]!.port}/ready`);
    expect(ready.status).toBe(200);
  }, 60_000);
});
