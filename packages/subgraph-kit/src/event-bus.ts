import {
  EventConsumer,
  type ConsumerHandlers,
  EventRetention,
  OutboxRelay,
  parseEventSigningKey,
} from '@holovitals/events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { BaseConfig } from './config';

export interface SubgraphEventBusOptions {
  service: string;
  config: BaseConfig;
  dataSource: DataSource;
  redis: Redis;
  logger: Logger;
  handlers: ConsumerHandlers | undefined;
}

/** The event work one subgraph process does: relay its outbox (signed), consume its handlers' types, keep the bus bounded. */
export interface SubgraphEventBus {
  start(): void;
  stop(): Promise<void>;
}

export function createSubgraphEventBus(options: SubgraphEventBusOptions): SubgraphEventBus | null {
  const { service, config, dataSource, redis, logger, handlers } = options;
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
