import { type Redis } from 'ioredis';
import { type DataSource } from 'typeorm';
import { type DomainEvent, type EventType } from './event-contracts';
import { type EventLogger } from './event-logger';
import { type EventSigningKey } from './event-signing';
import { DEFAULT_STREAM_PREFIX, encodeStreamBatch, eventStreamKey } from './event-stream-message';
import { PollingLoop } from './polling-loop';

interface OutboxRow {
  id: string;
  type: EventType;
  source: string;
  occurred_at: Date;
  trace_id: string | null;
  trace_parent: string | null;
  payload: DomainEvent['payload'];
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  redis: Redis;
  logger: EventLogger;
  /** This service's key: every envelope is signed so consumers can tell it from one written by anyone else. */
  signingKey: EventSigningKey;
  streamPrefix?: string;
  batchSize?: number;
  pollIntervalMs?: number;
}

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
  private readonly signingKey: EventSigningKey;
  private readonly streamPrefix: string;
  private readonly batchSize: number;
  private readonly loop: PollingLoop;

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.redis = options.redis;
    this.logger = options.logger;
    this.signingKey = options.signingKey;
    this.streamPrefix = options.streamPrefix ?? DEFAULT_STREAM_PREFIX;
    this.batchSize = options.batchSize ?? 100;
    this.loop = new PollingLoop({
      name: 'outbox relay',
      logger: this.logger,
      idleDelayMs: options.pollIntervalMs ?? 500,
      errorBackoffMs: options.pollIntervalMs ?? 500,
      // A full batch means more rows are probably waiting: go again without sleeping.
      poll: async () => ((await this.relayOnce()) < this.batchSize ? 'idle' : 'more'),
    });
  }

  /** Publishes one batch of unpublished events; returns how many were published. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, type, source, occurred_at, trace_id, trace_parent, payload
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
      // One signature for the whole batch; each entry carries its proof of membership.
      const entries = encodeStreamBatch(rows.map(toEvent), this.signingKey);
      rows.forEach((row, index) => {
        transaction.xadd(eventStreamKey(this.streamPrefix, row.type), '*', ...entries[index]!);
      });
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
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    occurredAt: row.occurred_at.toISOString(),
    traceId: row.trace_id,
    traceparent: row.trace_parent,
    payload: row.payload,
  };
}
