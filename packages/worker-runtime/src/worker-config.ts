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
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Where `/health` and `/ready` listen. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long SIGTERM waits for in-flight jobs before it aborts them (they are retried elsewhere). */
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** A job whose worker stopped renewing its lock this long ago counts as stalled and runs again. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  /** How often each worker looks for stalled jobs. */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  ...metricsConfigShape,
};

export type WorkerConfig = z.infer<z.ZodObject<typeof workerConfigShape>>;

export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

/** Parses the environment once at start-up; the message names each offending variable. */
export function loadWorkerConfig<E extends z.ZodRawShape>(
  worker: string,
  extra: E,
  env: NodeJS.ProcessEnv = process.env,
): WorkerConfig & z.infer<z.ZodObject<E>> {
  const result = z.object({ ...workerConfigShape, ...extra }).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new WorkerConfigError(`Invalid configuration for ${worker}:\n${problems.join('\n')}`);
  }
  return result.data as WorkerConfig & z.infer<z.ZodObject<E>>;
}
