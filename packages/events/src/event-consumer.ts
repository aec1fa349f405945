import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Redis } from 'ioredis';
import { type DataSource, type EntityManager } from 'typeorm';
import { consumerBacklog, type ConsumerBacklog } from './consumer-backlog';
import { type DomainEvent, type EventType, eventTypes } from './event-contracts';
import { type EventLogger } from './event-logger';
import { type EventPublicKeys } from './event-signing';
import {
  DEFAULT_STREAM_PREFIX,
  deadLetterStreamKey,
  decodeStreamFields,
  eventStreamKey,
  EventAuthenticityError,
  streamFieldMap,
} from './event-stream-message';
import { redeliveryDelayMs } from './redelivery-backoff';
import { withEventBatchSpan, withEventSpan } from './event-tracing';
import { PollingLoop } from './polling-loop';

export type EventHandler<T extends EventType> = (
  event: DomainEvent<T>,
  manager: EntityManager,
) => Promise<void>;

/**
 * Handles a batch of one type's events in one transaction (e.g. one multi-row INSERT). The events are new to the
 * group and in stream order; should the batch fail, each event is retried on its own through the same function.
 */
export interface BatchEventHandler<T extends EventType> {
  batch: (events: Array<DomainEvent<T>>, manager: EntityManager) => Promise<void>;
}

/** One handler function per consumed event type. */
export type EventHandlers = {
  [T in EventType]?: EventHandler<T>;
};

/** What a consumer takes: per type, a handler function or a batch handler. */
export type ConsumerHandlers = {
  [T in EventType]?: EventHandler<T> | BatchEventHandler<T>;
};

export interface EventConsumerOptions {
  dataSource: DataSource;
  redis: Redis;
  group: string;
  consumer?: string;
  handlers: ConsumerHandlers;
  logger: EventLogger;
  /** Producers' public keys: an entry not signed by the service that owns its type is dead-lettered unhandled. */
  publicKeys: EventPublicKeys;
  streamPrefix?: string;
  maxDeliveries?: number;
  retryAfterMs?: number;
  blockMs?: number;
  /** Entries read per stream and pass (default 50); also the largest batch a batch handler receives. */
  batchSize?: number;
}

type StreamEntry = [id: string, fields: string[]];
type StreamReadReply = Array<[key: string, entries: StreamEntry[]]>;
type PendingEntry = [id: string, consumer: string, idleMs: number, deliveries: number];
type AnyHandler = (event: DomainEvent, manager: EntityManager) => Promise<void>;
type AnyBatchHandler = (events: DomainEvent[], manager: EntityManager) => Promise<void>;

interface Subscription {
  type: EventType;
  key: string;
  handler: AnyHandler;
  /** Set when the handler takes batches; `handler` then runs it with one event, for retries. */
  batch: AnyBatchHandler | null;
}

interface DeliveredMessage {
  subscription: Subscription;
  entryId: string;
  fields: string[];
  deliveries: number;
}

type Outcome = 'handled' | 'duplicate' | 'dead-lettered' | 'retry-later';

/** Per stream and batch by default; bounds how long one batch holds up `stop()`. */
const DEFAULT_BATCH_SIZE = 50;

/**
 * Reads the streams of the handled event types with one consumer group per subscribing service,
 * at-least-once. Each message is handled in one database transaction that also records
 * (group, event id) in `processed_event`, so a redelivered or republished event runs its handler at
 * most once per group. Failed messages stay pending and are claimed again with exponential backoff;
 * after `maxDeliveries` they move to the dead-letter stream. Messages that can never succeed
 * (malformed, or breaking their contract) go to the dead-letter stream at once. A batch handler receives all
 * new messages of its type from one read in one transaction (with their `processed_event` marks); if that
 * transaction fails, each message goes through the one-by-one path above.
 */
export class EventConsumer {
  private readonly dataSource: DataSource;
  private readonly redis: Redis;
  private readonly group: string;
  private readonly consumer: string;
  private readonly logger: EventLogger;
  private readonly publicKeys: EventPublicKeys;
  private readonly deadLetterKey: string;
  private readonly maxDeliveries: number;
  private readonly retryAfterMs: number;
  private readonly blockMs: number;
  private readonly batchSize: number;
  private readonly subscriptions: Subscription[];
  private readonly loop: PollingLoop;
  private blockingRedis: Redis | undefined;
  private groupsReady: Promise<void> | undefined;

  constructor(options: EventConsumerOptions) {
    const streamPrefix = options.streamPrefix ?? DEFAULT_STREAM_PREFIX;
    this.dataSource = options.dataSource;
    this.redis = options.redis;
    this.group = options.group;
    this.consumer = options.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.logger = options.logger;
    this.publicKeys = options.publicKeys;
    this.deadLetterKey = deadLetterStreamKey(streamPrefix);
    this.maxDeliveries = options.maxDeliveries ?? 5;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
    this.blockMs = options.blockMs ?? 2_000;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.subscriptions = eventTypes.flatMap((type): Subscription[] => {
      const declared = options.handlers[type] as AnyHandler | { batch: AnyBatchHandler } | undefined;
      if (declared === undefined) return [];
      const key = eventStreamKey(streamPrefix, type);
      if (typeof declared === 'function') return [{ type, key, handler: declared, batch: null }];
      const batch = declared.batch;
      return [{ type, key, handler: (event, manager) => batch([event], manager), batch }];
    });
    if (this.subscriptions.length === 0) {
      throw new Error(`EventConsumer for group "${this.group}" has no handlers`);
    }
    this.loop = new PollingLoop({
      name: `event consumer ${this.group}`,
      logger: this.logger,
      // The read itself blocks up to `blockMs` when nothing is waiting, so no pause between passes.
      idleDelayMs: 0,
      poll: async () => ((await this.processOnce()) > 0 ? 'more' : 'idle'),
    });
  }

  /**
   * Claims stalled messages that are due for a retry, reads new ones (blocking up to `blockMs` when
   * nothing was claimed) and handles them. Returns how many messages were settled: handled, recognised
   * as already handled, or dead-lettered. Not for use while `start()` is running.
   */
  async processOnce(): Promise<number> {
    await this.ensureGroups();
    try {
      const claimed = await this.claimDueRetries();
      const fresh = await this.readNew(claimed.length === 0);
      let settled = 0;
      const single: DeliveredMessage[] = [...claimed];
      for (const subscription of this.subscriptions) {
        const messages = fresh.filter((message) => message.subscription === subscription);
        if (subscription.batch && messages.length > 1) {
          const batched = await this.handleBatch(subscription, subscription.batch, messages);
          if (batched === null) single.push(...messages);
          else settled += batched;
        } else {
          single.push(...messages);
        }
      }
      for (const message of single) {
        if ((await this.handle(message)) !== 'retry-later') {
          settled += 1;
        }
      }
      return settled;
    } catch (error) {
      // A deleted stream takes its groups with it: recreate them on the next batch.
      if (error instanceof Error && error.message.includes('NOGROUP')) {
        this.groupsReady = undefined;
      }
      throw error;
    }
  }

  /** Per handled type, how far this group is behind (entries and age of the oldest), read from Redis. */
  async backlog(): Promise<Array<{ type: EventType } & ConsumerBacklog>> {
    await this.ensureGroups();
    return Promise.all(
      this.subscriptions.map(async ({ type, key }) => ({
        type,
        ...(await consumerBacklog(this.redis, key, this.group)),
      })),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Lets the in-flight batch finish (a blocking read ends within `blockMs`), then closes the reading connection. */
  async stop(): Promise<void> {
    await this.loop.stop();
    if (this.blockingRedis) {
      await this.blockingRedis.quit();
      this.blockingRedis = undefined;
    }
  }

  private ensureGroups(): Promise<void> {
    this.groupsReady ??= this.createGroups().catch((error: unknown) => {
      this.groupsReady = undefined;
      throw error;
    });
    return this.groupsReady;
  }

  private async createGroups(): Promise<void> {
    for (const { key } of this.subscriptions) {
      try {
        // From '0', not '$': a service subscribing for the first time still receives events published before it started.
        await this.redis.xgroup('CREATE', key, this.group, '0', 'MKSTREAM');
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) {
          throw error;
        }
      }
    }
  }

  /**
   * XPENDING + XCLAIM rather than XAUTOCLAIM: XAUTOCLAIM takes one idle threshold for all entries, and
   * the backoff needs a threshold per delivery count. XCLAIM's own idle check makes the claim race-free
   * when several consumers of the group look at the same entry.
   */
  private async claimDueRetries(): Promise<DeliveredMessage[]> {
    const messages: DeliveredMessage[] = [];
    for (const subscription of this.subscriptions) {
      const pending = (await this.redis.xpending(
        subscription.key,
        this.group,
        'IDLE',
        this.retryAfterMs,
        '-',
        '+',
        this.batchSize,
      )) as PendingEntry[];
      const dueByDelay = new Map<number, Map<string, number>>();
      for (const [entryId, , idleMs, deliveries] of pending) {
        const delayMs = redeliveryDelayMs(this.retryAfterMs, deliveries);
        if (idleMs >= delayMs) {
          const due = dueByDelay.get(delayMs) ?? new Map<string, number>();
          due.set(entryId, deliveries);
          dueByDelay.set(delayMs, due);
        }
      }
      for (const [delayMs, due] of dueByDelay) {
        const claimed = (await this.redis.xclaim(
          subscription.key,
          this.group,
          this.consumer,
          delayMs,
          ...due.keys(),
        )) as Array<StreamEntry | [string, null] | null>;
        for (const entry of claimed) {
          // An entry deleted from the stream while pending comes back without fields: nothing left to handle.
          if (entry?.[1]) {
            const [entryId, fields] = entry;
            messages.push({ subscription, entryId, fields, deliveries: (due.get(entryId) ?? 0) + 1 });
          }
        }
      }
    }
    return messages;
  }

  private async readNew(block: boolean): Promise<DeliveredMessage[]> {
    // A blocking read ties up its connection, so it gets its own and the caller's client stays usable.
    this.blockingRedis ??= this.redis.duplicate();
    const keys = this.subscriptions.map((subscription) => subscription.key);
    const blockArgs = block ? ['BLOCK', this.blockMs] : [];
    const reply = (await this.blockingRedis.call(
      'XREADGROUP',
      'GROUP',
      this.group,
      this.consumer,
      'COUNT',
      this.batchSize,
      ...blockArgs,
      'STREAMS',
      ...keys,
      ...keys.map(() => '>'),
    )) as StreamReadReply | null;
    return (reply ?? []).flatMap(([key, entries]) => {
      const subscription = this.subscriptions.find((candidate) => candidate.key === key);
      return subscription
        ? entries.map(([entryId, fields]) => ({ subscription, entryId, fields, deliveries: 1 }))
        : [];
    });
  }

  /**
   * New messages of one batch-handled type in one transaction: undecodable ones are dead-lettered first, the
   * rest are marked processed in one statement and the handler gets those not handled before. Returns how many
   * were settled, or null when the transaction failed (the caller then handles each message on its own).
   */
  private async handleBatch(
    subscription: Subscription,
    batch: AnyBatchHandler,
    messages: DeliveredMessage[],
  ): Promise<number | null> {
    const decoded: Array<{ message: DeliveredMessage; event: DomainEvent }> = [];
    let settled = 0;
    for (const message of messages) {
      try {
        decoded.push({
          message,
          event: decodeStreamFields(message.fields, subscription.type, this.publicKeys),
        });
      } catch (error) {
        await this.deadLetter(message, error);
        settled += 1;
      }
    }
    if (decoded.length === 0) return settled;
    const ids = [...new Set(decoded.map(({ event }) => event.id))];
    try {
      const traced = decoded.map(({ event }) => event);
      await withEventBatchSpan(this.group, subscription.type, traced, () =>
        this.dataSource.transaction(async (manager) => {
          const inserted: Array<{ event_id: string }> = await manager.query(
            `INSERT INTO processed_event (consumer_group, event_id)
           SELECT $1, id FROM unnest($2::uuid[]) AS id
           ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.group, ids],
          );
          const fresh = new Set(inserted.map((row) => row.event_id));
          const events = decoded.flatMap(({ event }) => {
            if (!fresh.has(event.id)) return [];
            fresh.delete(event.id);
            return [event];
          });
          if (events.length > 0) await batch(events, manager);
        }),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, group: this.group, type: subscription.type, size: decoded.length },
        'event batch failed; handling its events one by one',
      );
      return null;
    }
    await this.redis.xack(subscription.key, this.group, ...decoded.map(({ message }) => message.entryId));
    return settled + decoded.length;
  }

  private async handle(message: DeliveredMessage): Promise<Outcome> {
    const { subscription, entryId, deliveries } = message;
    let event: DomainEvent;
    try {
      event = decodeStreamFields(message.fields, subscription.type, this.publicKeys);
    } catch (error) {
      await this.deadLetter(message, error);
      return 'dead-lettered';
    }
    let fresh: boolean;
    try {
      fresh = await withEventSpan(this.group, event, () =>
        this.dataSource.transaction(async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO processed_event (consumer_group, event_id) VALUES ($1, $2)
           ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.group, event.id],
          );
          if (inserted.length === 0) {
            return false;
          }
          await subscription.handler(event, manager);
          return true;
        }),
      );
    } catch (error) {
      if (deliveries >= this.maxDeliveries) {
        await this.deadLetter(message, error);
        return 'dead-lettered';
      }
      this.logger.warn(
        { err: error, group: this.group, eventId: event.id, type: event.type, deliveries },
        'event handler failed; will retry',
      );
      return 'retry-later';
    }
    await this.redis.xack(subscription.key, this.group, entryId);
    if (!fresh) {
      this.logger.debug({ group: this.group, eventId: event.id }, 'event already handled; acknowledged');
    }
    return fresh ? 'handled' : 'duplicate';
  }

  private async deadLetter(message: DeliveredMessage, error: unknown): Promise<void> {
    const { subscription, entryId, fields, deliveries } = message;
    const original = streamFieldMap(fields);
    const reason = error instanceof Error ? error.message : String(error);
    const results = await this.redis
      .multi()
      .xadd(
        this.deadLetterKey,
        '*',
        'group',
        this.group,
        'stream',
        subscription.key,
        'entryId',
        entryId,
        'eventId',
        original.get('id') ?? '',
        'deliveries',
        String(deliveries),
        'error',
        reason,
        'event',
        original.get('event') ?? JSON.stringify(fields),
        'failedAt',
        new Date().toISOString(),
      )
      .xack(subscription.key, this.group, entryId)
      .exec();
    const failure = results?.find(([failed]) => failed !== null)?.[0];
    if (!results || failure) {
      throw failure ?? new Error('Redis MULTI for dead-letter was aborted');
    }
    this.logger.error(
      {
        err: error,
        group: this.group,
        eventId: original.get('id'),
        stream: subscription.key,
        deliveries,
        rejectedAsForged: error instanceof EventAuthenticityError,
      },
      'event moved to dead-letter stream',
    );
  }
}
