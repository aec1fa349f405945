import type { z } from 'zod';

/**
 * A named queue, shared by the producer (subgraph) and the worker that processes it, so both agree
 * on the payload and the retry policy.
 */
export interface QueueDefinition<Data> {
  name: string;
  /** Checked on enqueue (bad input never reaches Redis) and again before processing. */
  payload: z.ZodType<Data>;
  /** Total tries including the first; after the last failure the job goes to the dead-letter queue. */
  attempts: number;
  /** First retry delay; each further retry waits twice as long (exponential backoff). */
  backoffMs: number;
  /** A try running longer than this is aborted (its signal fires) and counts as failed. */
  timeoutMs: number;
  /** How long finished jobs stay queryable (and their job ids stay taken, for idempotent enqueue). */
  keepCompletedSeconds?: number;
}

export const DEFAULT_KEEP_COMPLETED_SECONDS = 86_400;

const QUEUE_NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;

export function defineQueue<Data>(definition: QueueDefinition<Data>): QueueDefinition<Data> {
  if (!QUEUE_NAME.test(definition.name)) {
    throw new Error(`Queue name "${definition.name}" must be lower-case words joined by - or .`);
  }
  if (definition.attempts < 1) throw new Error(`Queue "${definition.name}" needs attempts >= 1`);
  return definition;
}

/** Where jobs of `queue` that failed every try are kept, with their reason. */
export const deadLetterQueueName = (queue: string): string => `${queue}.dead-letter`;

/** Pub/sub channel a producer uses to cancel a running job of `queue`. */
export const cancelChannel = (prefix: string, queue: string): string => `${prefix}:${queue}:cancel`;

/** Marks a job cancelled, for a worker that picks it up just after the cancel message went out. */
export const cancelledMarkerKey = (prefix: string, queue: string, jobId: string): string =>
  `${prefix}:${queue}:cancelled:${jobId}`;

/** Priorities as bull numbers: 1 runs first. */
export const jobPriorities = { critical: 1, high: 2, normal: 5, low: 10 } as const;
export type JobPriority = keyof typeof jobPriorities;

export interface DeadLetter<Data = unknown> {
  queue: string;
  jobId: string;
  data: Data;
  failedReason: string;
  attemptsMade: number;
  failedAt: string;
}
