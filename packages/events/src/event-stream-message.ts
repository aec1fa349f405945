import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import {
  type DomainEvent,
  type EventType,
  InvalidEventError,
  isEventType,
  parseEventPayload,
} from './event-contracts';
import { mayPublish } from './event-owners';
import { batchRootOf, batchRootSignatureValid, signEnvelopeBatch } from './envelope-batch-signature';
import {
  envelopeSignatureValid,
  type EventPublicKeys,
  type EventSigningKey,
  signEnvelope,
} from './event-signing';

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
  traceparent: z.string().max(256).nullable().optional(),
  payload: z.unknown(),
});

/**
 * Thrown for an entry that may be well formed but cannot be trusted: unsigned, signed with a key that is not
 * its source's, or published by a service that does not own its type. Such an entry is never handled.
 */
export class EventAuthenticityError extends Error {
  override readonly name = 'EventAuthenticityError';

  constructor(
    message: string,
    readonly eventType: string,
  ) {
    super(message);
  }
}

/**
 * Field/value pairs for XADD. The event id travels as its own field so it can be read without parsing;
 * `signature` is the producer's Ed25519 signature over the exact `event` string.
 */
export function encodeStreamFields(event: DomainEvent, signingKey: EventSigningKey): string[] {
  const envelope = JSON.stringify(event);
  return [
    'id',
    event.id,
    'type',
    event.type,
    'event',
    envelope,
    'signature',
    signEnvelope(signingKey, envelope),
  ];
}

/**
 * Field/value pairs for XADD of several events at once (what a relay publishes in one pass): one signature over
 * the batch's Merkle root, and per entry the proof that its `event` string is one of the signed envelopes.
 */
export function encodeStreamBatch(events: readonly DomainEvent[], signingKey: EventSigningKey): string[][] {
  if (events.length === 0) return [];
  const envelopes = events.map((event) => JSON.stringify(event));
  const batch = signEnvelopeBatch(signingKey, envelopes);
  return events.map((event, index) => [
    'id',
    event.id,
    'type',
    event.type,
    'event',
    envelopes[index]!,
    'batchSignature',
    batch.signature,
    'batchProof',
    batch.proofs[index]!,
  ]);
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
 * version of it, or written by anyone who can reach Redis, so nothing about it is trusted: envelope shape,
 * the stream it came from, that its source owns its type, the source's signature, and the payload
 * contract are all checked.
 */
export function decodeStreamFields(
  fields: readonly string[],
  expectedType: EventType,
  publicKeys: EventPublicKeys,
): DomainEvent {
  const entry = streamFieldMap(fields);
  const raw = entry.get('event');
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
  const { source } = envelope.data;
  if (!mayPublish(source, type)) {
    throw new EventAuthenticityError(`${type} claims source "${source}", which does not own that type`, type);
  }
  const signature = entry.get('signature');
  const batchSignature = entry.get('batchSignature');
  if (signature === undefined && batchSignature === undefined) {
    throw new EventAuthenticityError(`Unsigned ${type} event claiming source "${source}"`, type);
  }
  const sourceKeys = publicKeys.get(source);
  if (sourceKeys === undefined) {
    throw new EventAuthenticityError(`No public key for "${source}", the claimed source of a ${type}`, type);
  }
  if (!signatureValid(sourceKeys, raw, signature, batchSignature, entry.get('batchProof'))) {
    throw new EventAuthenticityError(`Bad signature on ${type} event claiming source "${source}"`, type);
  }
  return { ...envelope.data, type, payload: parseEventPayload(type, envelope.data.payload) };
}

/** The envelope's own signature when it has one, else its batch proof and the batch root's signature. */
function signatureValid(
  sourceKeys: readonly KeyObject[],
  envelopeJson: string,
  signature: string | undefined,
  batchSignature: string | undefined,
  batchProof: string | undefined,
): boolean {
  if (signature !== undefined) return envelopeSignatureValid(sourceKeys, envelopeJson, signature);
  const root = batchRootOf(envelopeJson, batchProof ?? '');
  return (
    root !== null && batchSignature !== undefined && batchRootSignatureValid(sourceKeys, root, batchSignature)
  );
}
