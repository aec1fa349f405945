import { createChangePublisher } from '@holovitals/live-changes';
import { graphqlRequest } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import {
  collect,
  eventually,
  metric,
  startLiveHarness,
  type LiveUser,
  type Subscription,
} from '../test/live-harness';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const EVENTS_PER_SECOND = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** A folder for a CPU profile of the gateway process (`node --cpu-prof`), written when it stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

const SELECTION =
  'patient { id familyName observations(first: 5) { nodes { code value unit effectiveAt } } }';
const SUBSCRIPTION = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) { patientId kind changed at ${SELECTION} } }`;
const QUERY = `query Q($p: ID!) { ${SELECTION.replace('patient {', 'patient(id: $p) {')} }`;

interface Event {
  data: { patientRecordChanged: { patientId: string; at: string } };
}

function rssMegabytes(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '0';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const summary = (values: number[]): string =>
  `p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms  (n=${values.length})`;

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let index = 0; index < items.length; index += size)
    results.push(...(await Promise.all(items.slice(index, index + size).map(run))));
  return results;
}

/** Calls `tick(i)` every 1000/rate ms for `seconds`, on a fixed schedule (a slow tick does not shift the next). */
async function steady(rate: number, seconds: number, tick: (index: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < rate * seconds; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(tick(index));
  }
  await Promise.all(pending);
}

/**
 * 1,000 subscribers (one user and record each) on one gateway process over the real patient subgraph, PostgreSQL
 * and Redis. The owner's publish path announces changes at a steady rate to random subscribers; delivery latency
 * is publish → event in the subscriber's client. Baselines in the same run: the same selection fetched by an HTTP
 * query at the same rate (what a polling client would pay per change at best, and the read each event costs),
 * and a bare Redis pub/sub round trip between the changes (the floor of the hop).
 */
async function main(): Promise<void> {
  const h = await startLiveHarness([{ LOG_LEVEL: 'warn' }], {
    gatewayNodeArgs: PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`],
  });
  const gateway = h.gateways[0]!;
  const redis = new Redis(h.redisUrl);
  const publisher = createChangePublisher(redis);
  try {
    const idle = rssMegabytes(gateway.pid);
    const users = await inBatches(
      Array.from({ length: SUBSCRIBERS }, (_, index) => index),
      25,
      () => h.patientUser(),
    );
    const latencies: number[] = [];
    const subscriptions: Subscription<Event>[] = [];
    // Opened 50 at a time, as clients arrive in practice, not all in one instant.
    for (let index = 0; index < users.length; index += 50) {
      for (const user of users.slice(index, index + 50))
        subscriptions.push(
          collect<Event>(h.client(gateway, user.token), SUBSCRIPTION, { p: user.patientId }, (event) =>
            // `at` is stamped by the publisher (this process's clock) and kept through merging: the oldest change.
            latencies.push(Date.now() - Date.parse(event.data.patientRecordChanged.at)),
          ),
        );
      await eventually(async () => {
        const failed = subscriptions.find((subscription) => subscription.error() !== undefined);
        if (failed !== undefined) throw new Error(`a subscription failed: ${JSON.stringify(failed.error())}`);
        return (await metric(gateway, 'gateway_live_subscriptions')) >= subscriptions.length;
      }, 60_000);
    }
    const subscribed = rssMegabytes(gateway.pid);

    process.stdout.write(
      `${SUBSCRIBERS} subscribers; ${EVENTS_PER_SECOND} changes/s for ${SECONDS} s, each to one random subscriber; ` +
        `load average ${loadAverage()}\n`,
    );
    // A bare Redis pub/sub round trip between each pair of changes: the floor of the hop every change takes, and
    // how late this process's event loop (subscribers and the patient subgraph) answers at that moment.
    const redisRoundTrips: number[] = [];
    const probe = redis.duplicate();
    const probeChannel = `hv:bench:probe:${process.pid}`;
    const probeSent = new Map<string, number>();
    probe.on('message', (_channel: string, id: string) => {
      const sent = probeSent.get(id);
      if (sent !== undefined) redisRoundTrips.push(performance.now() - sent);
    });
    await probe.subscribe(probeChannel);
    await steady(EVENTS_PER_SECOND, SECONDS, async (index) => {
      const user = users[Math.floor(Math.random() * users.length)] as LiveUser;
      await publisher.publish(
        'patientRecordChanged',
        { patientId: user.patientId },
        { typename: 'Patient', id: user.patientId, kind: 'UPDATED', changed: ['observation'] },
      );
      await new Promise((resolve) => setTimeout(resolve, 500 / EVENTS_PER_SECOND));
      probeSent.set(String(index), performance.now());
      await redis.publish(probeChannel, String(index));
    });
    const total = EVENTS_PER_SECOND * SECONDS;
    await eventually(() => latencies.length >= total, 30_000).catch(() => undefined);
    const peak = rssMegabytes(gateway.pid);
    probe.disconnect();
    const afterEvents = loadAverage();

    // The query baseline runs after the events rather than beside them: both at once would double the owner's
    // reads, and on this shared machine that measured queueing, not the path.
    const queried: number[] = [];
    await steady(EVENTS_PER_SECOND, SECONDS, async () => {
      const user = users[Math.floor(Math.random() * users.length)] as LiveUser;
      const started = performance.now();
      const response = await graphqlRequest(gateway.url, QUERY, { p: user.patientId }, { token: user.token });
      if (response.body.errors !== undefined) throw new Error(JSON.stringify(response.body.errors));
      queried.push(performance.now() - started);
    });

    const failed = subscriptions.filter((subscription) => subscription.error() !== undefined).length;
    process.stdout.write(
      `subscription delivery (publish → client)  ${summary(latencies)}; not delivered (or merged) ${total - latencies.length}; failed subscriptions ${failed}\n`,
    );
    process.stdout.write(`query baseline (HTTP request → response)  ${summary(queried)}\n`);
    process.stdout.write(`Redis pub/sub round trip (publish → this process)  ${summary(redisRoundTrips)}\n`);
    process.stdout.write(
      `ratio delivery / query: p50 ${(percentile(latencies, 50) / percentile(queried, 50)).toFixed(2)}x  p95 ${(percentile(latencies, 95) / percentile(queried, 95)).toFixed(2)}x\n`,
    );
    process.stdout.write(
      `gateway RSS: idle ${idle.toFixed(0)} MB, ${SUBSCRIBERS} subscribers ${subscribed.toFixed(0)} MB (+${(((subscribed - idle) * 1024) / SUBSCRIBERS).toFixed(0)} kB each), after the run ${peak.toFixed(0)} MB\n`,
    );
    process.stdout.write(
      `load average after the events ${afterEvents}, after the queries ${loadAverage()}\n`,
    );
    process.stdout.write(`target p95 < 100 ms: ${percentile(latencies, 95) < 100 ? 'met' : 'NOT met'}\n`);
  } finally {
    redis.disconnect();
    await h.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
