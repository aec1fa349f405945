import { errorReportSettings, loadConfig, redisSettings, runtimeSettings } from '@holovitals/config';
import { metricsConfigShape } from '@holovitals/http-server';
import { z } from 'zod';

/** What a producer (a subgraph that enqueues) adds to its config shape, beside its REDIS_URL. */
export const queueProducerConfigShape = {
  /** Redis key prefix of every queue; producers and workers of one stack must agree on it. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/, 'QUEUE_PREFIX: letters, digits, _ or -')
    .default('hv-queue'),
};

/** Settings every worker process reads; a worker adds its own with `config` in its definition. */
export const workerConfigShape = {
  ...queueProducerConfigShape,
  /** HOST is where `/health` and `/ready` listen. */
  ...runtimeSettings,
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  ...redisSettings,
  /** How long SIGTERM waits for in-flight jobs before it aborts them (they are retried elsewhere). */
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** A job whose worker stopped renewing its lock this long ago counts as stalled and runs again. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  /** How often each worker looks for stalled jobs. */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  ...errorReportSettings,
  ...metricsConfigShape,
};

export type WorkerConfig = z.infer<z.ZodObject<typeof workerConfigShape>>;

/** Parses the environment once at start-up; the ConfigError it throws names each offending variable. */
export function loadWorkerConfig<E extends z.ZodRawShape>(
  worker: string,
  extra: E,
  env: NodeJS.ProcessEnv = process.env,
): WorkerConfig & z.infer<z.ZodObject<E>> {
  return loadConfig(worker, { ...workerConfigShape, ...extra }, env) as WorkerConfig &
    z.infer<z.ZodObject<E>>;
}
