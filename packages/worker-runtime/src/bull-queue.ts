import Bull from 'bull';
import { DEFAULT_KEEP_COMPLETED_SECONDS, type QueueDefinition } from './queue-definition';

export interface QueueConnection {
  redisUrl: string;
  prefix: string;
}

export interface StalledJobSettings {
  lockDurationMs: number;
  stalledIntervalMs: number;
}

/** One bull queue with the definition's retry policy as its default job options. */
export function openBullQueue<Data>(
  definition: QueueDefinition<Data>,
  connection: QueueConnection,
  stalled?: StalledJobSettings,
): Bull.Queue<Data> {
  return new Bull<Data>(definition.name, connection.redisUrl, {
    prefix: connection.prefix,
    settings: stalled
      ? {
          lockDuration: stalled.lockDurationMs,
          lockRenewTime: Math.floor(stalled.lockDurationMs / 2),
          stalledInterval: stalled.stalledIntervalMs,
          // A job whose worker died is put back once; a second crash on it fails the job.
          maxStalledCount: 1,
        }
      : undefined,
    defaultJobOptions: {
      attempts: definition.attempts,
      backoff: { type: 'exponential', delay: definition.backoffMs },
      removeOnComplete: { age: definition.keepCompletedSeconds ?? DEFAULT_KEEP_COMPLETED_SECONDS },
      // Failed jobs are kept until inspected: the dead-letter queue holds a copy with its reason.
      removeOnFail: false,
    },
  });
}

/** The dead-letter queue is only written and read, never processed. */
export function openDeadLetterQueue(name: string, connection: QueueConnection): Bull.Queue {
  return new Bull(name, connection.redisUrl, { prefix: connection.prefix });
}
