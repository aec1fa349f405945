/**
 * Queues and an effect table shared by the worker tests and their child process. Loaded by the child
 * through jiti, so it stays free of vitest imports.
 */
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineQueue, performOnce, processQueue, workerMigrations } from '../src';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const uniquePrefix = (): string => `hv-test-${randomBytes(4).toString('hex')}`;

/** Removes a test's queue keys, so a shared Redis does not collect them. */
export async function removeKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

/** The environment a test worker runs with: its own key prefix, fast stalled-job detection. */
export function workerEnv(prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'silent',
    WORKER_LOCK_DURATION_MS: '1000',
    WORKER_STALLED_INTERVAL_MS: '700',
    ...extra,
  };
}

export const creditQueue = defineQueue({
  name: 'test.credit',
  payload: z.object({ account: z.string(), cents: z.number().int() }),
  attempts: 3,
  backoffMs: 50,
  timeoutMs: 10_000,
});

export function createEffectDataSource(url: string): DataSource {
  return new DataSource({ type: 'postgres', url, migrations: workerMigrations, logging: false });
}

export async function migrateEffects(dataSource: DataSource): Promise<void> {
  await dataSource.runMigrations();
  await dataSource.query(
    'CREATE TABLE IF NOT EXISTS credit (job_id text NOT NULL, account text NOT NULL, cents int NOT NULL)',
  );
}

/**
 * Credits an account once per job id. `afterEffect` runs after the effect committed and before the
 * job is acknowledged: the crash test dies there.
 */
export function creditProcessor(
  dataSource: DataSource,
  afterEffect: (jobId: string) => Promise<void> = () => Promise.resolve(),
  onTry: (jobId: string, attempt: number) => void = () => undefined,
) {
  return processQueue({
    queue: creditQueue,
    process: async (job) => {
      onTry(job.id, job.attempt);
      const outcome = await performOnce(dataSource, { queue: job.queue, jobId: job.id }, (manager) =>
        manager.query('INSERT INTO credit (job_id, account, cents) VALUES ($1, $2, $3)', [
          job.id,
          job.data.account,
          job.data.cents,
        ]),
      );
      await job.progress(100);
      await afterEffect(job.id);
      return { credited: outcome.performed };
    },
  });
}
