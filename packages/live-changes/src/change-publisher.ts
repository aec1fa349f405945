import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import { type ChangeKind, type ChangeMessage, subscriptionChannel } from './change-message';

/** Publishes change messages for subscription fields; the gateways subscribed to the channel fan them out. */
export interface ChangePublisher {
  publish(
    field: string,
    args: Record<string, string>,
    /** `at` defaults to now; one change published on several channels passes it so every copy is the same. */
    change: { typename: string; id: string; kind: ChangeKind; changed: string[]; at?: Date },
  ): Promise<void>;
}

/**
 * A publisher on the process's Redis connection. The subscriber connection graphql-redis-subscriptions wants is
 * a lazy duplicate that a publisher never opens.
 */
export function createChangePublisher(redis: Redis): ChangePublisher {
  const pubsub = new RedisPubSub({ publisher: redis, subscriber: redis.duplicate({ lazyConnect: true }) });
  return {
    async publish(field, args, change) {
      const message: ChangeMessage = {
        typename: change.typename,
        key: { id: change.id },
        kind: change.kind,
        changed: change.changed,
        at: (change.at ?? new Date()).toISOString(),
      };
      await pubsub.publish(subscriptionChannel(field, args), message);
    },
  };
}
