import type { Logger } from 'pino';
import type { QueueDefinition } from './queue-definition';

/** What a processor sees of one try of a job. */
export interface JobContext<Data> {
  id: string;
  queue: string;
  data: Data;
  /** 1 on the first try. */
  attempt: number;
  /** Fires on cancellation, timeout or forced shutdown; long work should pass it on or check it. */
  signal: AbortSignal;
  progress(percent: number): Promise<void>;
  logger: Logger;
}

export interface QueueProcessor<Data, Result = unknown> {
  queue: QueueDefinition<Data>;
  /** Jobs of this queue run at the same time in one process. */
  concurrency?: number;
  /**
   * Makes the queue a schedule: the worker keeps one repeatable job with this payload, run every `everyMs`.
   * Bull keys the schedule by queue, interval and job id, so any number of workers starting (or restarting)
   * keep one schedule, not one each.
   */
  repeat?: { everyMs: number; data: Data };
  process(job: JobContext<Data>): Promise<Result>;
}

/** A processor as the worker holds it, with the payload type erased so queues of any type can be listed. */
export type RegisteredProcessor = QueueProcessor<unknown, unknown>;

/**
 * Types a processor from its queue definition and registers it. Erasing the payload type is safe:
 * the worker parses every job's data with `queue.payload` before `process` sees it.
 */
export function processQueue<Data, Result>(processor: QueueProcessor<Data, Result>): RegisteredProcessor {
  return {
    queue: processor.queue as unknown as RegisteredProcessor['queue'],
    concurrency: processor.concurrency,
    repeat: processor.repeat,
    process: (job) => processor.process(job as JobContext<Data>),
  };
}
