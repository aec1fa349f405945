import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineQueue,
  defineWorker,
  InvalidJobPayloadError,
  processQueue,
  QueueProducer,
  type RegisteredProcessor,
  type RunningWorker,
  runWorker,
  WorkerShutdownError,
} from '../src';
import {
  createEffectDataSource,
  creditProcessor,
  creditQueue,
  migrateEffects,
  redisUrl,
  removeKeys,
  uniquePrefix,
  workerEnv,
} from './worker-test-queues';

const packageDir = join(__dirname, '..');
const numbered = z.object({ n: z.number().int() });

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Condition not met in ${ms} ms; last value ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

const cleanups: Array<() => Promise<void>> = [];
const prefixes: string[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const prefix of prefixes.splice(0)) await removeKeys(prefix);
});

async function start(
  prefix: string,
  processors: RegisteredProcessor[],
  extraEnv: Record<string, string> = {},
): Promise<RunningWorker> {
  const worker = await runWorker(
    defineWorker({ name: 'test-worker', defaultPort: 0, reportErrorsTo: null, processors: () => processors }),
    workerEnv(prefix, extraEnv),
  );
  cleanups.push(() => worker.stop());
  return worker;
}

/** A producer on the test's own key prefix; the prefix's keys are removed after the test. */
function producerFor(prefix: string): QueueProducer {
  const producer = new QueueProducer({ redisUrl, prefix });
  cleanups.push(() => producer.close());
  prefixes.push(prefix);
  return producer;
}

describe('queue workers on real Redis', () => {
  it('runs higher-priority jobs first', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.ordered',
      payload: numbered,
      attempts: 1,
      backoffMs: 10,
      timeoutMs: 5_000,
    });
    const producer = producerFor(prefix);
    const plan = [
      { n: 1, priority: 'low' },
      { n: 2, priority: 'normal' },
      { n: 3, priority: 'critical' },
      { n: 4, priority: 'low' },
      { n: 5, priority: 'high' },
      { n: 6, priority: 'normal' },
    ] as const;
    for (const { n, priority } of plan) await producer.enqueue(queue, { n }, { priority });
    const order: number[] = [];
    await start(prefix, [
      processQueue({ queue, concurrency: 1, process: async (job) => void order.push(job.data.n) }),
    ]);
    await eventually(
      async () => order.length,
      (count) => count === plan.length,
    );
    expect(order.slice(0, 2)).toEqual([3, 5]);
    expect(new Set(order.slice(2, 4))).toEqual(new Set([2, 6]));
    expect(new Set(order.slice(4))).toEqual(new Set([1, 4]));
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.flaky',
      payload: numbered,
      attempts: 4,
      backoffMs: 150,
      timeoutMs: 5_000,
    });
    const tries: Array<{ attempt: number; at: number }> = [];
    await start(prefix, [
      processQueue({
        queue,
        process: async (job) => {
          tries.push({ attempt: job.attempt, at: Date.now() });
          if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
          return { doubled: job.data.n * 2 };
        },
      }),
    ]);
    const producer = producerFor(prefix);
    const id = await producer.enqueue(queue, { n: 21 });
    const status = await eventually(
      () => producer.status(queue, id),
      (value) => value?.state === 'completed',
    );
    expect(status?.result).toEqual({ doubled: 42 });
    expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = tries.map((t) => t.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(140);
    expect(third - second).toBeGreaterThanOrEqual(290);
    expect((await producer.deadLetters(queue)).length).toBe(0);
  });

  it('moves a job that fails every try to the dead-letter queue with its data and reason', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.doomed',
      payload: numbered,
      attempts: 2,
      backoffMs: 20,
      timeoutMs: 5_000,
    });
    await start(prefix, [
      processQueue({
        queue,
        process: async (job) => {
          throw new Error(`upstream refused (try ${job.attempt})`);
        },
      }),
    ]);
    const producer = producerFor(prefix);
    const id = await producer.enqueue(queue, { n: 7 }, { jobId: 'doomed-7' });
    const letters = await eventually(
      () => producer.deadLetters(queue),
      (value) => value.length === 1,
    );
    expect(letters[0]).toMatchObject({
      queue: 'test.doomed',
      jobId: 'doomed-7',
      data: { n: 7 },
      failedReason: 'upstream refused (try 2)',
      attemptsMade: 2,
    });
    expect(id).toBe('doomed-7');
    expect(await producer.status(queue, id)).toMatchObject({ state: 'failed', attemptsMade: 2 });
  });

  it('aborts a try that runs past the timeout and dead-letters it as timed out', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.sluggish',
      payload: numbered,
      attempts: 1,
      backoffMs: 10,
      timeoutMs: 200,
    });
    let sawAbort = false;
    await start(prefix, [
      processQueue({
        queue,
        process: (job) =>
          new Promise((resolve) =>
            job.signal.addEventListener('abort', () => {
              sawAbort = true;
              resolve(undefined);
            }),
          ),
      }),
    ]);
    const producer = producerFor(prefix);
    await producer.enqueue(queue, { n: 1 });
    const [letter] = await eventually(
      () => producer.deadLetters(queue),
      (value) => value.length === 1,
    );
    expect(letter?.failedReason).toBe('Job timed out after 200 ms');
    expect(sawAbort).toBe(true);
  });

  it('cancels a running job (no retry, no dead letter) and removes a waiting one', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.cancellable',
      payload: numbered,
      attempts: 3,
      backoffMs: 10,
      timeoutMs: 10_000,
    });
    let tries = 0;
    await start(prefix, [
      processQueue({
        queue,
        process: async (job) => {
          tries += 1;
          for (let step = 1; !job.signal.aborted; step += 1) {
            await job.progress(Math.min(step * 10, 90));
            await sleep(30);
          }
        },
      }),
    ]);
    const producer = producerFor(prefix);
    const running = await producer.enqueue(queue, { n: 1 });
    await eventually(
      () => producer.status(queue, running),
      (value) => value?.state === 'active' && value.progress > 0,
    );
    expect(await producer.cancel(queue, running)).toBe('signalled');
    const status = await eventually(
      () => producer.status(queue, running),
      (value) => value?.state === 'failed',
    );
    expect(status?.failedReason).toBe(`Job ${running} was cancelled`);
    const delayed = await producer.enqueue(queue, { n: 2 }, { delayMs: 60_000 });
    expect(await producer.cancel(queue, delayed)).toBe('removed');
    expect(await producer.status(queue, delayed)).toBeNull();
    await sleep(300);
    expect(tries).toBe(1);
    expect(await producer.deadLetters(queue)).toEqual([]);
  });

  it('refuses a payload that does not match the queue, before anything reaches Redis', async () => {
    const producer = producerFor(uniquePrefix());
    await expect(producer.enqueue(creditQueue, { account: 'a', cents: 1.5 })).rejects.toThrow(
      InvalidJobPayloadError,
    );
  });

  it('drains on shutdown: the running job finishes, no new job is taken', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.slow',
      payload: numbered,
      attempts: 1,
      backoffMs: 10,
      timeoutMs: 10_000,
    });
    const events: string[] = [];
    const worker = await start(prefix, [
      processQueue({
        queue,
        process: async (job) => {
          events.push(`start ${job.data.n}`);
          await sleep(700);
          events.push(`end ${job.data.n}`);
        },
      }),
    ]);
    const producer = producerFor(prefix);
    const first = await producer.enqueue(queue, { n: 1 });
    await eventually(
      async () => events.length,
      (count) => count === 1,
    );
    const stopped = worker.stop();
    const second = await producer.enqueue(queue, { n: 2 });
    await stopped;
    expect(events).toEqual(['start 1', 'end 1']);
    expect((await producer.status(queue, first))?.state).toBe('completed');
    expect((await producer.status(queue, second))?.state).toBe('waiting');
  });

  it('past the drain timeout aborts the running job, which is retried rather than lost', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.stubborn',
      payload: numbered,
      attempts: 3,
      backoffMs: 60_000,
      timeoutMs: 30_000,
    });
    let aborted: unknown = null;
    const worker = await start(
      prefix,
      [
        processQueue({
          queue,
          process: (job) =>
            new Promise((resolve) =>
              job.signal.addEventListener('abort', () => {
                aborted = job.signal.reason;
                resolve(undefined);
              }),
            ),
        }),
      ],
      { WORKER_DRAIN_TIMEOUT_MS: '300' },
    );
    const producer = producerFor(prefix);
    const id = await producer.enqueue(queue, { n: 1 });
    await eventually(
      () => producer.status(queue, id),
      (value) => value?.state === 'active',
    );
    const startedAt = Date.now();
    await worker.stop();
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(aborted).toBeInstanceOf(WorkerShutdownError);
    expect(await producer.status(queue, id)).toMatchObject({ state: 'delayed', attemptsMade: 1 });
    expect(await producer.deadLetters(queue)).toEqual([]);
  });

  it('serves /health, /ready and /metrics with queue depth and timing histograms', async () => {
    const prefix = uniquePrefix();
    const queue = defineQueue({
      name: 'test.measured',
      payload: numbered,
      attempts: 1,
      backoffMs: 10,
      timeoutMs: 5_000,
    });
    const worker = await start(prefix, [processQueue({ queue, process: async () => 'ok' })]);
    const producer = producerFor(prefix);
    const id = await producer.enqueue(queue, { n: 1 });
    await eventually(
      () => producer.status(queue, id),
      (value) => value?.state === 'completed',
    );
    await producer.enqueue(queue, { n: 2 }, { delayMs: 60_000 });
    const base = `http://127.0.0.1:${worker.port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { redis: true, accepting: true } });
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const metrics = await (await fetch(worker.metricsUrl)).text();
    const sample = (name: string, labels: Record<string, string>): number | null => {
      const line = metrics
        .split('\n')
        .find(
          (candidate) =>
            candidate.startsWith(`${name}{`) &&
            Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)),
        );
      return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
    };
    const queueLabel = { queue: 'test.measured', service: 'test-worker' };
    expect(sample('queue_jobs', { ...queueLabel, state: 'delayed' })).toBe(1);
    expect(sample('queue_jobs', { ...queueLabel, state: 'completed' })).toBe(1);
    expect(sample('queue_jobs', { ...queueLabel, state: 'dead_letter' })).toBe(0);
    expect(sample('queue_job_wait_seconds_count', queueLabel)).toBe(1);
    expect(sample('queue_job_processing_seconds_count', { ...queueLabel, outcome: 'completed' })).toBe(1);
    expect(sample('queue_jobs_processed_total', { ...queueLabel, outcome: 'completed' })).toBe(1);
  });
});

describe('a worker killed mid-job', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('worker_crash');
    dataSource = createEffectDataSource(database.url);
    await dataSource.initialize();
    await migrateEffects(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('runs the job again on another worker and its effect happens once', async () => {
    const prefix = uniquePrefix();
    const producer = producerFor(prefix);
    const jobId = await producer.enqueue(
      creditQueue,
      { account: 'acct-1', cents: 500 },
      { jobId: 'credit-1' },
    );
    // Enqueueing the same job id again is a no-op: idempotent enqueue.
    expect(
      await producer.enqueue(creditQueue, { account: 'acct-1', cents: 500 }, { jobId: 'credit-1' }),
    ).toBe(jobId);

    const load = `require('jiti').createJiti(${JSON.stringify(`${packageDir}/`)})('./test/killed-worker-process.ts')`;
    const child = spawn(process.execPath, ['-e', load], {
      cwd: packageDir,
      env: { ...process.env, ...workerEnv(prefix), CRASH_DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('effectCommitted')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited before committing: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    expect((await producer.status(creditQueue, jobId))?.state).toBe('active');

    const retries: string[] = [];
    await start(prefix, [creditProcessor(dataSource, undefined, (id) => void retries.push(id))]);
    const status = await eventually(
      () => producer.status(creditQueue, jobId),
      (value) => value?.state === 'completed',
    );
    expect(retries).toEqual(['credit-1']);
    expect(status?.result).toEqual({ credited: false });
    const credits = (await dataSource.query('SELECT job_id, cents FROM credit')) as unknown[];
    expect(credits).toEqual([{ job_id: 'credit-1', cents: 500 }]);
  });
});
