import { type Redis } from 'ioredis';
import { type DataSource } from 'typeorm';
import { type EventLogger } from './event-logger';
import { DEFAULT_STREAM_PREFIX } from './event-stream-message';
import { pruneOutbox } from './outbox-pruning';
import { PollingLoop } from './polling-loop';
import { trimEventStreams } from './stream-trimming';

export interface EventRetentionOptions {
  dataSource: DataSource;
  redis: Redis;
  logger: EventLogger;
  streamPrefix?: string;
  /** Stream entries older than this are trimmed even if unacknowledged (safety cap). */
  streamMaxAgeMs: number;
  /** Entries kept per stream at most (safety cap). */
  streamMaxLength: number;
  /** Published outbox rows and processed-event marks older than this are deleted. */
  outboxRetentionMs: number;
  /** Pause between passes. */
  intervalMs: number;
}

/**
 * Keeps the bus bounded: every `intervalMs` trims the streams to what consumer groups still need (within
 * the caps) and prunes this service's published outbox rows. Every process may run one: trimming reads
 * the groups' state right before it trims, and pruning locks the rows it deletes.
 */
export class EventRetention {
  private readonly loop: PollingLoop;

  constructor(private readonly options: EventRetentionOptions) {
    this.loop = new PollingLoop({
      name: 'event retention',
      logger: options.logger,
      idleDelayMs: options.intervalMs,
      errorBackoffMs: options.intervalMs,
      poll: async () => {
        await this.runOnce();
        return 'idle';
      },
    });
  }

  async runOnce(): Promise<{ streamEntries: number; outboxRows: number; processedMarks: number }> {
    const trimmed = await trimEventStreams({
      redis: this.options.redis,
      streamPrefix: this.options.streamPrefix ?? DEFAULT_STREAM_PREFIX,
      maxAgeMs: this.options.streamMaxAgeMs,
      maxLength: this.options.streamMaxLength,
    });
    const pruned = await pruneOutbox({
      dataSource: this.options.dataSource,
      retentionMs: this.options.outboxRetentionMs,
    });
    const streamEntries = trimmed.reduce((sum, result) => sum + result.removed, 0);
    if (streamEntries + pruned.outboxRows + pruned.processedMarks > 0) {
      this.options.logger.debug({ streamEntries, ...pruned }, 'event retention pass');
    }
    return { streamEntries, ...pruned };
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
