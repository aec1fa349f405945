import { z } from 'zod';
import {
  type DomainEvent,
  type EventType,
  InvalidEventError,
  isEventType,
  parseEventPayload,
} from './event-contracts';

export const DEFAULT_STREAM_PREFIX = 'hv:events:';

/** One stream per event type, so a consumer group reads only the types it handles. */
export function eventStreamKey(streamPrefix: string, type: EventType): string {
  return `${streamPrefix}${type}`;
}

export function deadLetterStreamKey(streamPrefix: string): string {
  return `${streamPrefix}dead-letter`;
}

const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string(),
  source: z.string(),
  occurredAt: z.string().datetime({ offset: true }),
  traceId: z.string().nullable(),
  payload: z.unknown(),
});

/** Field/value pairs for XADD. The event id travels as its own field so it can be read without parsing. */
export function encodeStreamFields(event: DomainEvent): string[] {
  return ['id', event.id, 'type', event.type, 'event', JSON.stringify(event)];
}

/** Flat `[field, value, field, value, ...]` array as Redis returns it, turned into a lookup. */
export function streamFieldMap(fields: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) {
    map.set(fields[index] as string, fields[index + 1] as string);
  }
  return map;
}

/**
 * Parses and validates a stream entry. The message was produced by another service, possibly another
 * version of it, so nothing about it is trusted: envelope shape, the stream it came from and the payload
 * contract are all checked.
 */
export function decodeStreamFields(fields: readonly string[], expectedType: EventType): DomainEvent {
  const raw = streamFieldMap(fields).get('event');
  if (raw === undefined) {
    throw new InvalidEventError('Stream entry has no "event" field', expectedType);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new InvalidEventError('Stream entry "event" field is not JSON', expectedType, { cause: error });
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new InvalidEventError(`Invalid event envelope: ${z.prettifyError(envelope.error)}`, expectedType, {
      cause: envelope.error,
    });
  }
  const { type } = envelope.data;
  if (!isEventType(type) || type !== expectedType) {
    throw new InvalidEventError(`Event of type "${type}" found on the ${expectedType} stream`, type);
  }
  return { ...envelope.data, type, payload: parseEventPayload(type, envelope.data.payload) };
}
