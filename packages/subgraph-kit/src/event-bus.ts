import {
  EventConsumer,
  type ConsumerHandlers,
  EventRetention,
  OutboxRelay,
  parseEventSigningKey,
} from '@holovitals/events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { BaseConfig } from './config';

export interface SubgraphEventBusOptions {
  service: string;
  config: BaseConfig;
  dataSource: DataSource;
  redis: Redis;
  logger: Logger;
  handlers: ConsumerHandlers | undefined;
  /** Where the consumer's backlog gauges are registered. */
  metrics: Registry;
}

/** The event work one subgraph process does: relay its outbox (signed), consume its handlers' types, keep the bus bounded. */
export interface SubgraphEventBus {
  start(): void;
  stop(): Promise<void>;
}

export function createSubgraphEventBus(options: SubgraphEventBusOptions): SubgraphEventBus | null {
  const { service, config, dataSource, redis, logger, handlers, metrics } = options;
  if (!config.EVENTS_ENABLED || !config.EVENT_SIGNING_KEY) return null;
  const relay = new OutboxRelay({
    dataSource,
    redis,
    logger,
    streamPrefix: config.EVENT_STREAM_PREFIX,
    signingKey: parseEventSigningKey(service, config.EVENT_SIGNING_KEY),
  });
  const consumer = handlers
    ? new EventConsumer({
        dataSource,
        redis,
        group: service,
        handlers,
        logger,
        streamPrefix: config.EVENT_STREAM_PREFIX,
        publicKeys: config.EVENT_PUBLIC_KEYS,
        batchSize: config.EVENT_CONSUMER_BATCH_SIZE,
      })
    : null;
  if (consumer) registerBacklogGauges(consumer, metrics, logger);
  const retention = new EventRetention({
    dataSource,
    redis,
    logger,
    streamPrefix: config.EVENT_STREAM_PREFIX,
    streamMaxAgeMs: config.EVENT_STREAM_MAX_AGE_MS,
    streamMaxLength: config.EVENT_STREAM_MAX_LENGTH,
    outboxRetentionMs: config.EVENT_OUTBOX_RETENTION_MS,
    intervalMs: config.EVENT_RETENTION_INTERVAL_MS,
  });
  return {
    start: () => {
      relay.start();
      consumer?.start();
      retention.start();
    },
    stop: async () => {
      await consumer?.stop();
      await relay.stop();
      await retention.stop();
    },
  };
}

/**
 * `events_consumer_backlog` and `events_consumer_lag_seconds` per handled type, read from Redis at each scrape: the
 * compliance subgraph's `audit.recorded` lag is the audit ingestion lag monitoring alerts on.
 */
function registerBacklogGauges(consumer: EventConsumer, registry: Registry, logger: Logger): void {
  let pending: ReturnType<EventConsumer['backlog']> | null = null;
  // Both gauges are collected in one scrape: one Redis read serves them.
  const read = (): ReturnType<EventConsumer['backlog']> => {
    pending ??= consumer.backlog().finally(() => {
      pending = null;
    });
    return pending;
  };
  const collect = async (gauge: Gauge<'type'>, pick: 'entries' | 'oldestAgeSeconds'): Promise<void> => {
    try {
      for (const backlog of await read()) gauge.set({ type: backlog.type }, backlog[pick]);
    } catch (error) {
      logger.warn({ err: error }, 'could not read the event consumer backlog for /metrics');
    }
  };
  new Gauge({
    name: 'events_consumer_backlog',
    help: 'Events of a handled type not yet handled by this service (unacknowledged plus undelivered).',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      return collect(this, 'entries');
    },
  });
  new Gauge({
    name: 'events_consumer_lag_seconds',
    help: 'Age of the oldest event of a handled type this service has not handled yet (0 when caught up).',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      return collect(this, 'oldestAgeSeconds');
    },
  });
}
