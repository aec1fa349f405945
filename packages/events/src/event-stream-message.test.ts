import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, InvalidEventError } from './event-contracts';
import {
  decodeStreamFields,
  deadLetterStreamKey,
  encodeStreamFields,
  eventStreamKey,
  streamFieldMap,
} from './event-stream-message';

const event: DomainEvent<'document.uploaded'> = {
  id: randomUUID(),
  type: 'document.uploaded',
  source: 'documents',
  occurredAt: '2026-11-25T10:00:00.000Z',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  payload: { documentId: randomUUID(), patientId: randomUUID(), contentType: 'application/pdf' },
};

function fieldsWith(envelope: object): string[] {
  return ['id', event.id, 'event', JSON.stringify(envelope)];
}

describe('stream keys', () => {
  it('puts each event type on its own stream under the prefix, next to one dead-letter stream', () => {
    expect(eventStreamKey('hv:events:', 'document.uploaded')).toBe('hv:events:document.uploaded');
    expect(deadLetterStreamKey('hv:events:')).toBe('hv:events:dead-letter');
  });
});

describe('encodeStreamFields / decodeStreamFields', () => {
  it('round-trips an event and carries its id as a separate field', () => {
    const fields = encodeStreamFields(event);
    expect(streamFieldMap(fields).get('id')).toBe(event.id);
    expect(decodeStreamFields(fields, 'document.uploaded')).toEqual(event);
  });

  it('rejects an entry without an event field', () => {
    expect(() => decodeStreamFields(['id', event.id], 'document.uploaded')).toThrow('no "event" field');
  });

  it('rejects an event field that is not JSON', () => {
    expect(() => decodeStreamFields(['event', '{oops'], 'document.uploaded')).toThrow('not JSON');
  });

  it('rejects an envelope without a valid id', () => {
    expect(() => decodeStreamFields(fieldsWith({ ...event, id: 'abc' }), 'document.uploaded')).toThrow(
      InvalidEventError,
    );
  });

  it('rejects an event found on another type stream', () => {
    expect(() => decodeStreamFields(encodeStreamFields(event), 'document.processed')).toThrow(
      'Event of type "document.uploaded" found on the document.processed stream',
    );
  });

  it('validates the payload against the contract on receipt', () => {
    const tampered = fieldsWith({ ...event, payload: { ...event.payload, patientId: 42 } });
    expect(() => decodeStreamFields(tampered, 'document.uploaded')).toThrow('patientId');
  });
});
