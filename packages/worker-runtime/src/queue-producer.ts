import type Bull from 'bull';
import { Redis } from 'ioredis';
import { openBullQueue, openDeadLetterQueue, type QueueConnection } from './bull-queue';
import {
  cancelChannel,
  cancelledMarkerKey,
  deadLetterQueueName,
  type DeadLetter,
  jobPriorities,
  type JobPriority,
  type QueueDefinition,
} from './queue-definition';

export interface EnqueueOptions {
  priority?: JobPriority;
  /** Idempotency key: enqueueing the same id again returns the existing job instead of a second one. */
  jobId?: string;
  delayMs?: number;
}

export interface JobStatus {
  id: string;
  state: 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'paused' | 'stuck';
  progress: number;
  attemptsMade: number;
  failedReason: string | null;
  result: unknown;
}

export class InvalidJobPayloadError extends Error {
  override readonly name = 'InvalidJobPayloadError';
}

export type CancelOutcome = 'removed' | 'signalled' | 'not-found' | 'already-finished';

const CANCEL_MARKER_SECONDS = 3_600;

/** What a subgraph uses to put work on queues, follow it, cancel it and read dead letters. */
export class QueueProducer {
  private readonly queues = new Map<string, Bull.Queue>();
  private readonly redis: Redis;

  constructor(private readonly connection: QueueConnection) {
    this.redis = new Redis(connection.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  }

  private queue<Data>(definition: QueueDefinition<Data>): Bull.Queue<Data> {
    let queue = this.queues.get(definition.name);
    if (!queue) {
      queue = openBullQueue(definition, this.connection) as Bull.Queue;
      this.queues.set(definition.name, queue);
    }
    return queue as Bull.Queue<Data>;
  }

  async enqueue<Data>(
    definition: QueueDefinition<Data>,
    data: Data,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const parsed = definition.payload.safeParse(data);
    if (!parsed.success) {
      throw new InvalidJobPayloadError(
        `Invalid ${definition.name} job: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      );
    }
    const job = await this.queue(definition).add(parsed.data, {
      priority: jobPriorities[options.priority ?? 'normal'],
      jobId: options.jobId,
      delay: options.delayMs,
    });
    return String(job.id);
  }

  async status<Data>(definition: QueueDefinition<Data>, jobId: string): Promise<JobStatus | null> {
    const queue = this.queue(definition);
    const found = await queue.getJob(jobId);
    if (!found) return null;
    const state = (await found.getState()) as JobStatus['state'];
    // Read the job again after its state, so a job seen as finished carries its result or reason.
    const job = (await queue.getJob(jobId)) ?? found;
    const progress = job.progress() as unknown;
    return {
      id: String(job.id),
      state,
      progress: typeof progress === 'number' ? progress : 0,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason ?? null,
      result: job.returnvalue as unknown,
    };
  }

  /**
   * A waiting or delayed job is removed; a running one is told to stop (its signal aborts and it is
   * not retried).
   */
  async cancel<Data>(definition: QueueDefinition<Data>, jobId: string): Promise<CancelOutcome> {
    const job = await this.queue(definition).getJob(jobId);
    if (!job) return 'not-found';
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return 'already-finished';
    if (state !== 'active') {
      try {
        await job.remove();
        return 'removed';
      } catch {
        // It became active between the state read and the removal: signal it instead.
      }
    }
    if (this.redis.status === 'wait') await this.redis.connect();
    await this.redis.set(
      cancelledMarkerKey(this.connection.prefix, definition.name, jobId),
      '1',
      'EX',
      CANCEL_MARKER_SECONDS,
    );
    await this.redis.publish(cancelChannel(this.connection.prefix, definition.name), jobId);
    return 'signalled';
  }

  /** Jobs that failed every try, oldest first, each with the reason of its last failure. */
  async deadLetters<Data>(definition: QueueDefinition<Data>, limit = 100): Promise<DeadLetter<Data>[]> {
    const queue = openDeadLetterQueue(deadLetterQueueName(definition.name), this.connection);
    try {
      const jobs = await queue.getJobs(['waiting'], 0, limit - 1, true);
      return jobs.map((job) => job.data as DeadLetter<Data>);
    } finally {
      await queue.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.redis.disconnect();
  }
}
