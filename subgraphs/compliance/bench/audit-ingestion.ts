import 'reflect-metadata';
import { encodeStreamBatch, eventStreamKey } from '@holovitals/events';
import { defineSubgraph } from '@holovitals/subgraph-kit';
import {
  startTestIssuer,
  startTestSubgraph,
  testEventSigningKey,
  type TestSubgraph,
} from '@holovitals/testing';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { ingestAuditEvents } from '../src/audit/audit-ingestion';
import { complianceConfig } from '../src/config';
import { complianceSubgraph } from '../src/subgraph';
import { auditEvent } from '../test/support/compliance-harness';

// Pushes audit.recorded events through the real bus (signed, XADDed to Redis Streams) into a running compliance
// subgraph (consumer group, chained append, RBAC log, alert rules) two ways in one run:
//   batched    the product path: one transaction, one multi-row chained INSERT per read of up to 500 events,
//   one-by-one baseline: the same ingestion code, one event per transaction and INSERT (the consumer before
//              batch mode).
// Each way is measured twice: backlog (the events are on the stream before the subgraph starts: sustained
// events/s from the first stored row to the last, without the publisher competing for CPU) and paced (a steady
// rate: end-to-end lag from XADD to committed row, p50/p95).
// Lag is observed by polling the chain's head every POLL_MS, so it is exact to that resolution. The subgraph runs in
// this process, so CPU time per event (process.cpuUsage over the backlog drain) is the consumer's, plus the light
// polling: less noisy than events/s on a shared machine.
// Usage: npm run bench:audit [-- --flood=20000 --baseline-flood=3000 --rate=2000 --seconds=5]

const args = new Map(
  process.argv.slice(2).flatMap((arg) => {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    return match ? [[match[1]!, Number(match[2])]] : [];
  }),
);
const FLOOD = args.get('flood') ?? 20_000;
const BASELINE_FLOOD = args.get('baseline-flood') ?? 3_000;
const RATE = args.get('rate') ?? 2_000;
const SECONDS = args.get('seconds') ?? 5;
const POLL_MS = 10;
/** Events per XADD pipeline, signed together: the outbox relay's batch size. */
const PUBLISH_CHUNK = 100;

const oneByOne = defineSubgraph({
  ...complianceSubgraph,
  eventHandlers: ({ config }) => ({
    'audit.recorded': async (event, manager) => {
      await ingestAuditEvents(manager, [event], config);
    },
  }),
});

const signingKey = testEventSigningKey('patient');

/** XADDs `count` events, `perSecond` of them per second (0: as fast as Redis takes them), in pipelines. */
async function publish(
  redis: Redis,
  streamPrefix: string,
  count: number,
  perSecond: number,
): Promise<number[]> {
  const key = eventStreamKey(streamPrefix, 'audit.recorded');
  const publishedAt: number[] = [];
  const start = performance.now();
  for (let sent = 0; sent < count; sent += PUBLISH_CHUNK) {
    const chunk = Math.min(PUBLISH_CHUNK, count - sent);
    if (perSecond > 0) {
      const due = start + (sent / perSecond) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const pipeline = redis.pipeline();
    const events = Array.from({ length: chunk }, () => auditEvent({ entityType: 'Observation' }));
    for (const fields of encodeStreamBatch(events, signingKey)) pipeline.xadd(key, '*', ...fields);
    const sentAt = performance.now();
    await pipeline.exec();
    for (let n = 0; n < chunk; n += 1) publishedAt.push(sentAt);
  }
  return publishedAt;
}

async function chainHead(sg: TestSubgraph): Promise<number> {
  const rows: Array<{ seq: string | null }> = await sg.dataSource.query(
    'SELECT max(seq) AS seq FROM audit_log',
  );
  return Number(rows[0]!.seq ?? 0);
}

interface Poll {
  head: number;
  at: number;
  /** CPU time of this process so far, in microseconds. */
  cpu: number;
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Polls the chain head until it reaches `until`; returns each poll's head, time and CPU time. */
async function watchHead(sg: TestSubgraph, until: number): Promise<Poll[]> {
  const storedAt: Poll[] = [];
  let head = await chainHead(sg);
  while (head < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    head = await chainHead(sg);
    storedAt.push({ head, at: performance.now(), cpu: cpuMicros() });
  }
  return storedAt;
}

/** Events/s and CPU µs per event from the first poll that saw rows to the last, over the rows stored in between. */
function drainRate(storedAt: Poll[]): { perSecond: number; cpuMicrosPerEvent: number } {
  const first = storedAt.find((poll) => poll.head > 0)!;
  const last = storedAt.at(-1)!;
  const events = last.head - first.head;
  return {
    perSecond: events / ((last.at - first.at) / 1000),
    cpuMicrosPerEvent: (last.cpu - first.cpu) / events,
  };
}

/** Publishes at a steady rate while polling; the i-th event is stored once the head reaches floor + i + 1. */
async function pacedLag(sg: TestSubgraph, redis: Redis, count: number, perSecond: number): Promise<number[]> {
  const floor = await chainHead(sg);
  const publishing = publish(redis, sg.eventStreamPrefix, count, perSecond);
  const storedAt = await watchHead(sg, floor + count);
  const publishedAt = await publishing;
  const lagMs: number[] = [];
  let poll = 0;
  for (let index = 0; index < count; index += 1) {
    while (storedAt[poll]!.head < floor + index + 1) poll += 1;
    lagMs.push(storedAt[poll]!.at - publishedAt[index]!);
  }
  return lagMs;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(
  label: string,
  definition: typeof complianceSubgraph,
  flood: number,
): Promise<{ flood: number; cpuPerEvent: number; lagP50: number; lagP95: number }> {
  const issuer = await startTestIssuer();
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const eventStreamPrefix = `hv:bench:audit:${randomUUID()}:`;
  await publish(redis, eventStreamPrefix, flood, 0);
  const sg = await startTestSubgraph(definition, {
    issuer,
    eventStreamPrefix,
    env: { LOG_LEVEL: 'error', KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex') },
  });
  try {
    const backlog = drainRate(await watchHead(sg, flood));
    const lagMs = await pacedLag(sg, redis, RATE * SECONDS, RATE);
    const result = {
      flood: backlog.perSecond,
      cpuPerEvent: backlog.cpuMicrosPerEvent,
      lagP50: percentile(lagMs, 50),
      lagP95: percentile(lagMs, 95),
    };
    const verified: Array<{ n: string }> = await sg.dataSource.query('SELECT count(*) AS n FROM audit_log');
    process.stdout.write(
      `${label.padEnd(11)} backlog ${String(flood).padStart(6)} events: ${Math.round(result.flood).toLocaleString('en').padStart(7)} events/s, ${Math.round(result.cpuPerEvent)} µs CPU/event   ` +
        `paced ${RATE}/s for ${SECONDS} s: lag p50 ${Math.round(result.lagP50)} ms, p95 ${Math.round(result.lagP95)} ms   ` +
        `(${verified[0]!.n} rows chained)\n`,
    );
    return result;
  } finally {
    await sg.stop();
    const keys = await redis.keys(`${eventStreamPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  process.stdout.write(
    `machine load: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (${cpus().length} cores)\n`,
  );
  process.stdout.write(
    `audit ingestion through the bus (batch size ${complianceConfig.EVENT_CONSUMER_BATCH_SIZE.parse(undefined)}; lag resolution ${POLL_MS} ms)\n`,
  );
  const batched = await measure('batched', complianceSubgraph, FLOOD);
  const baseline = await measure('one-by-one', oneByOne, BASELINE_FLOOD);
  process.stdout.write(
    `batched vs one-by-one: ${(batched.flood / baseline.flood).toFixed(1)}x events/s, ` +
      `${(baseline.cpuPerEvent / batched.cpuPerEvent).toFixed(1)}x less CPU/event, ` +
      `lag p95 ${Math.round(batched.lagP95)} ms vs ${Math.round(baseline.lagP95)} ms ` +
      `(target >= 5,000 events/s: ${batched.flood >= 5_000 ? 'met' : 'NOT met'})\n` +
      `machine load after: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
