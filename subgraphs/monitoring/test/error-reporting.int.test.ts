import { defineSubgraph } from '@holovitals/subgraph-kit';
import { shutdownTracing, startTracing } from '@holovitals/telemetry';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import {
  defineQueue,
  defineWorker,
  processQueue,
  QueueProducer,
  runWorker,
  type RunningWorker,
} from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { Arg, ID, Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually, startMonitoringHarness, type MonitoringHarness } from './support/monitoring-harness';

@Resolver()
class FailingResolver {
  @Query(() => String, { description: 'Fails like a bug in a resolver would, with PHI in its message.' })
  failingRecord(@Arg('id', () => ID, { description: 'Any id.' }) id: string): string {
    throw new TypeError(`record ${id} of jane.doe@example.org has no field 3`);
  }
}

const failingSubgraph = defineSubgraph({
  name: 'failing',
  defaultPort: 0,
  resolvers: [FailingResolver],
  entities: [],
  migrations: [],
});

interface ErrorsPage {
  errors: {
    nodes: Array<{
      service: string;
      origin: string;
      errorName: string;
      template: string;
      stack: string | null;
      count: number;
      events: Array<{
        traceId: string | null;
        message: string;
        path: string | null;
        operation: string | null;
      }>;
    }>;
  };
}

const ERRORS = `query ($filter: ErrorFilter) { errors(filter: $filter) { nodes {
  service origin errorName template stack count events(first: 5) { traceId message path operation } } } }`;

let h: MonitoringHarness;
let failing: TestSubgraph;
let issuer: TestIssuer;
let worker: RunningWorker | null = null;
let producer: QueueProducer | null = null;
const queuePrefix = `hv-test-${randomBytes(4).toString('hex')}`;
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue whose jobs fail like a bug in a processor would, with PHI from the payload in the message. */
const importQueue = defineQueue({
  name: 'failing.import',
  payload: z.object({ email: z.string() }),
  attempts: 2,
  backoffMs: 10,
  timeoutMs: 10_000,
});

/** A worker of the `failing` service: its job errors go through the failing subgraph's outbox, signed by its relay. */
const failingWorker = defineWorker({
  name: 'failing-worker',
  defaultPort: 0,
  reportErrorsTo: () => ({ service: 'failing', dataSource: failing.dataSource }),
  processors: () => [
    processQueue({
      queue: importQueue,
      process: (job) => {
        throw new RangeError(`import for ${job.data.email} failed at row 1234`);
      },
    }),
  ],
});

beforeAll(async () => {
  const eventStreamPrefix = `hv:test:events:${randomBytes(4).toString('hex')}:`;
  // The reporter starts first so its event key is among those monitoring trusts.
  issuer = await startTestIssuer();
  failing = await startTestSubgraph(failingSubgraph, { issuer, redisUrl, eventStreamPrefix });
  h = await startMonitoringHarness({ EVENT_STREAM_PREFIX: eventStreamPrefix });
});

afterAll(async () => {
  await worker?.stop();
  await producer?.close();
  await shutdownTracing();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await failing.stop();
  await issuer.stop();
  await h.stop();
});

/** The one error group `filter` finds, once it has counted `count` occurrences. */
async function onlyGroup(
  filter: Record<string, string>,
  count: number,
): Promise<ErrorsPage['errors']['nodes'][number] | undefined> {
  const page = await eventually(
    () => h.admin<ErrorsPage>(ERRORS, { filter }),
    (data) => (data.errors.nodes[0]?.count ?? 0) >= count,
  );
  expect(page.errors.nodes).toHaveLength(1);
  return page.errors.nodes[0];
}

const traceparent = (traceId: string): string => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;

describe('error reporting', () => {
  it('groups a thrown resolver error by fingerprint, with each trace id, PHI scrubbed, masked to the client', async () => {
    const traces = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
    for (const traceId of traces) {
      const response = await failing.graphql(
        `query Failing($id: ID!) { failingRecord(id: $id) }`,
        { id: randomUUID() },
        { headers: { traceparent: traceparent(traceId) } },
      );
      expect(response.body.errors?.[0]).toEqual(
        expect.objectContaining({
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      );
    }
    const group = await onlyGroup({ service: 'failing' }, 2);
    expect(group).toEqual(
      expect.objectContaining({
        service: 'failing',
        origin: 'RESOLVER',
        errorName: 'TypeError',
        template: 'record <id> of <email> has no field <n>',
        count: 2,
      }),
    );
    expect(group?.stack).toContain('failingRecord');
    expect(JSON.stringify(group)).not.toContain('jane.doe');
    expect(group?.events.map((event) => event.traceId).sort()).toEqual([...traces].sort());
    expect(group?.events[0]).toEqual(
      expect.objectContaining({ path: 'failingRecord', operation: 'Failing' }),
    );

    const byTrace = await h.admin<ErrorsPage>(ERRORS, { filter: { traceId: traces[0] } });
    expect(byTrace.errors.nodes.map((node) => node.service)).toEqual(['failing']);
  });

  it('takes the web app’s own errors from anyone, scrubbed, size-limited and rate-limited per caller', async () => {
    const report = (input: Record<string, unknown>, token?: string) =>
      h.sg.graphql<{ reportClientError: boolean }>(
        `mutation ($input: ClientErrorInput!) { reportClientError(input: $input) }`,
        { input },
        { token: token ?? null, headers: { 'x-forwarded-for': '203.0.113.9' } },
      );
    // The limit counts per clock minute: start late in one and the burst below straddles two (20 accepted, not 19).
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_100 - intoMinute));
    const accepted = await report({
      errorName: 'ChunkLoadError',
      message: 'Loading chunk 7 failed for +1 555 123 4567',
      page: '/labs',
    });
    expect(accepted.body.data?.reportClientError).toBe(true);
    const tooBig = await report({ errorName: 'Error', message: 'x'.repeat(2_001) });
    expect(tooBig.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badPage = await report({ errorName: 'Error', message: 'x', page: 'https://evil.example/?q=1' });
    expect(badPage.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const codes: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      const response = await report({ errorName: 'Error', message: `again ${index}` });
      codes.push(String(response.body.errors?.[0]?.extensions?.code ?? 'OK'));
    }
    expect(codes.filter((code) => code === 'OK')).toHaveLength(19);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    const signedIn = await report({ errorName: 'Error', message: 'from a user' }, h.patientToken);
    expect(signedIn.body.data?.reportClientError).toBe(true);

    const page = await h.admin<ErrorsPage>(ERRORS, { filter: { service: 'web', origin: 'CLIENT' } });
    const chunk = page.errors.nodes.find((node) => node.errorName === 'ChunkLoadError');
    expect(chunk?.template).toBe('Loading chunk <n> failed for <number>');
    expect(chunk?.events[0]?.operation).toBe('/labs');
  });

  it('reports a job that fails its last try once, grouped, with its trace id and the queue as operation', async () => {
    // A tracer provider, as `@holovitals/telemetry/register` gives every worker process: each try gets a trace id.
    startTracing('error-reporting-test', {});
    worker = await runWorker(failingWorker, {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      PORT: '0',
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    producer = new QueueProducer({ redisUrl, prefix: queuePrefix });
    for (const email of ['jane.doe@example.org', 'john.roe@example.org'])
      await producer.enqueue(importQueue, { email });

    const group = await onlyGroup({ service: 'failing', origin: 'JOB' }, 2);
    expect(group).toEqual(
      expect.objectContaining({
        service: 'failing',
        origin: 'JOB',
        errorName: 'RangeError',
        template: 'import for <email> failed at row <n>',
        count: 2,
      }),
    );
    expect(group?.stack).toContain('error-reporting.int.test');
    expect(JSON.stringify(group)).not.toMatch(/jane\.doe|john\.roe/);
    const traceIds = group?.events.map((event) => event.traceId) ?? [];
    expect(traceIds).toHaveLength(2);
    for (const traceId of traceIds) expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(traceIds).size).toBe(2);
    expect(group?.events.map((event) => event.operation)).toEqual(['failing.import', 'failing.import']);
  });
});
