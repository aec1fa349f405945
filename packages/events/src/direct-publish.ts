import type { Redis } from 'ioredis';
import type { EventPayloadInput, EventType } from './event-contracts';
import type { EventSigningKey } from './event-signing';
import { encodeStreamFields, eventStreamKey } from './event-stream-message';
import { createDomainEvent } from './outbox';

/**
 * Publishes one signed event straight to its stream, for a process that has no database and so no outbox (the
 * gateway). At most once: an event lost to a Redis failure is gone, so only reports that may be lost go this way.
 */
export async function publishEvent<T extends EventType>(
  target: { redis: Redis; signingKey: EventSigningKey; streamPrefix: string },
  type: T,
  payload: EventPayloadInput<T>,
  options?: { traceId?: string | null },
): Promise<void> {
  const event = createDomainEvent(target.signingKey.service, type, payload, options);
  await target.redis.xadd(
    eventStreamKey(target.streamPrefix, type),
    '*',
    ...encodeStreamFields(event, target.signingKey),
  );
}
