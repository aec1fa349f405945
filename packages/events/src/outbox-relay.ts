import { type Redis } from 'ioredis';
import { type DataSource } from 'typeorm';
import { type DomainEvent, type EventType } from './event-contracts';
import { type EventLogger } from './event-logger';
import { DEFAULT_STREAM_PREFIX, encodeStreamFields, eventStreamKey } from './event-stream-message';
import { StoppableDelay } from './stoppable-delay';

interface OutboxRow {
  id: string;
  type: EventType;
  source: string;
  occurred_at: Date;
  trace_id: string | null;
  payload: DomainEvent['payload'];
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  redis: Redis;
  logger: EventLogger;
  streamPrefix?: string;
  batchSize?: number;
  pollIntervalMs?: number;
}

const MAX_ERROR_BACKOFF_MS = 30_000;

/**
 * Moves committed outbox rows to Redis Streams. Any number of relays may run against one database: each
 * batch is locked with `FOR UPDATE SKIP LOCKED`, so concurrent relays take disjoint rows. A crash after
 * XADD and before the commit that marks the rows leaves them unpublished, and they are published again
 * with the same event id; consumers dedupe by id.
 */
export class OutboxRelay {
  private readonly dataSource: DataSource;
  private readonly redis: Redis;
  private readonly logger: EventLogger;
  private readonly streamPrefix: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly delay = new StoppableDelay();
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.redis = options.redis;
    this.logger = options.logger;
    this.streamPrefix = options.streamPrefix ?? DEFAULT_STREAM_PREFIX;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /** Publishes one batch of unpublished events; returns how many were published. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, type, source, occurred_at, trace_id, payload
           FROM event_outbox
          WHERE published_at IS NULL
          ORDER BY position
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) {
        return 0;
      }
      const transaction = this.redis.multi();
      for (const row of rows) {
        transaction.xadd(
          eventStreamKey(this.streamPrefix, row.type),
          '*',
          ...encodeStreamFields(toEvent(row)),
        );
      }
      const results = await transaction.exec();
      const failure = results?.find(([error]) => error !== null)?.[0];
      if (!results || failure) {
        throw failure ?? new Error('Redis MULTI for outbox batch was aborted');
      }
      const ids = rows.map((row) => row.id);
      await manager.query(`UPDATE event_outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
      this.logger.debug({ count: rows.length, eventIds: ids }, 'outbox events published');
      return rows.length;
    });
  }

  start(): void {
    if (this.loop) {
      return;
    }
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.delay.interrupt();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    let consecutiveFailures = 0;
    while (!this.stopping) {
      try {
        const published = await this.relayOnce();
        consecutiveFailures = 0;
        // A full batch means more rows are probably waiting: go again without sleeping.
        if (published < this.batchSize) {
          await this.delay.wait(this.pollIntervalMs);
        }
      } catch (error) {
        consecutiveFailures += 1;
        this.logger.error({ err: error, consecutiveFailures }, 'outbox relay batch failed');
        await this.delay.wait(Math.min(this.pollIntervalMs * 2 ** consecutiveFailures, MAX_ERROR_BACKOFF_MS));
      }
    }
  }
}

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    occurredAt: row.occurred_at.toISOString(),
    traceId: row.trace_id,
    payload: row.payload,
  };
}
