import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, InvalidEventError } from './event-contracts';
import {
  generateEventKeyPair,
  parseEventPublicKeys,
  parseEventSigningKey,
  signEnvelope,
} from './event-signing';
import {
  decodeStreamFields,
  deadLetterStreamKey,
  encodeStreamBatch,
  encodeStreamFields,
  EventAuthenticityError,
  eventStreamKey,
  streamFieldMap,
} from './event-stream-message';

const documentsKeys = generateEventKeyPair();
const complianceKeys = generateEventKeyPair();
const documents = parseEventSigningKey('documents', documentsKeys.privateKey);
const compliance = parseEventSigningKey('compliance', complianceKeys.privateKey);
const publicKeys = parseEventPublicKeys(
  `documents:${documentsKeys.publicKey},compliance:${complianceKeys.publicKey}`,
);

const event: DomainEvent<'document.uploaded'> = {
  id: randomUUID(),
  type: 'document.uploaded',
  source: 'documents',
  occurredAt: '2026-11-25T10:00:00.000Z',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  payload: { documentId: randomUUID(), patientId: randomUUID(), contentType: 'application/pdf' },
};

/** A stream entry for `envelope`, signed by documents unless another signer is given. */
function fieldsWith(envelope: object, signer = documents): string[] {
  const json = JSON.stringify(envelope);
  return ['id', event.id, 'event', json, 'signature', signEnvelope(signer, json)];
}

describe('stream keys', () => {
  it('puts each event type on its own stream under the prefix, next to one dead-letter stream', () => {
    expect(eventStreamKey('hv:events:', 'document.uploaded')).toBe('hv:events:document.uploaded');
    expect(deadLetterStreamKey('hv:events:')).toBe('hv:events:dead-letter');
  });
});

describe('encodeStreamFields / decodeStreamFields', () => {
  it('round-trips an event and carries its id as a separate field', () => {
    const fields = encodeStreamFields(event, documents);
    expect(streamFieldMap(fields).get('id')).toBe(event.id);
    expect(decodeStreamFields(fields, 'document.uploaded', publicKeys)).toEqual(event);
  });

  it('rejects an entry without an event field', () => {
    expect(() => decodeStreamFields(['id', event.id], 'document.uploaded', publicKeys)).toThrow(
      'no "event" field',
    );
  });

  it('rejects an event field that is not JSON', () => {
    expect(() => decodeStreamFields(['event', '{oops'], 'document.uploaded', publicKeys)).toThrow('not JSON');
  });

  it('rejects an envelope without a valid id', () => {
    expect(() =>
      decodeStreamFields(fieldsWith({ ...event, id: 'abc' }), 'document.uploaded', publicKeys),
    ).toThrow(InvalidEventError);
  });

  it('rejects an event found on another type stream', () => {
    expect(() =>
      decodeStreamFields(encodeStreamFields(event, documents), 'document.processed', publicKeys),
    ).toThrow('Event of type "document.uploaded" found on the document.processed stream');
  });

  it('validates the payload against the contract on receipt', () => {
    const tampered = fieldsWith({ ...event, payload: { ...event.payload, patientId: 42 } });
    expect(() => decodeStreamFields(tampered, 'document.uploaded', publicKeys)).toThrow('patientId');
  });
});

describe('authenticity', () => {
  const grant: DomainEvent<'consent.granted'> = {
    id: randomUUID(),
    type: 'consent.granted',
    source: 'compliance',
    occurredAt: '2026-11-25T10:00:00.000Z',
    traceId: null,
    payload: {
      consentId: randomUUID(),
      patientId: randomUUID(),
      granteeUserId: randomUUID(),
      scopes: ['READ_RECORD'],
      expiresAt: null,
    },
  };

  it('accepts an event signed by the service that owns its type', () => {
    expect(decodeStreamFields(encodeStreamFields(grant, compliance), 'consent.granted', publicKeys)).toEqual(
      grant,
    );
  });

  it('rejects an unsigned event', () => {
    const fields = ['id', grant.id, 'event', JSON.stringify(grant)];
    expect(() => decodeStreamFields(fields, 'consent.granted', publicKeys)).toThrow(EventAuthenticityError);
  });

  it('rejects an event signed with another service key than its claimed source', () => {
    expect(() => decodeStreamFields(fieldsWith(grant, documents), 'consent.granted', publicKeys)).toThrow(
      'Bad signature',
    );
  });

  it('rejects an event whose claimed source does not own its type, even when validly signed', () => {
    const byDocuments = { ...grant, source: 'documents' };
    expect(() =>
      decodeStreamFields(fieldsWith(byDocuments, documents), 'consent.granted', publicKeys),
    ).toThrow('does not own');
  });

  it('rejects an envelope altered after signing', () => {
    const fields = encodeStreamFields(grant, compliance);
    const tampered = JSON.stringify({ ...grant, payload: { ...grant.payload, scopes: ['records:write'] } });
    fields[fields.indexOf('event') + 1] = tampered;
    expect(() => decodeStreamFields(fields, 'consent.granted', publicKeys)).toThrow('Bad signature');
  });

  it('accepts either key of a source whose key is rotating', () => {
    const next = generateEventKeyPair();
    const rotating = parseEventPublicKeys(
      `compliance:${complianceKeys.publicKey},compliance:${next.publicKey}`,
    );
    const signedWithNext = parseEventSigningKey('compliance', next.privateKey);
    expect(
      decodeStreamFields(encodeStreamFields(grant, signedWithNext), 'consent.granted', rotating),
    ).toEqual(grant);
    expect(decodeStreamFields(encodeStreamFields(grant, compliance), 'consent.granted', rotating)).toEqual(
      grant,
    );
  });

  it('rejects a source it holds no public key for', () => {
    const identityOnly = parseEventPublicKeys(`identity:${generateEventKeyPair().publicKey}`);
    expect(() =>
      decodeStreamFields(encodeStreamFields(grant, compliance), 'consent.granted', identityOnly),
    ).toThrow('No public key for "compliance"');
  });

  it('accepts each entry of a relay batch signed once, on its own', () => {
    const second = { ...grant, id: randomUUID() };
    const entries = encodeStreamBatch([grant, second], compliance);
    expect(entries.map((fields) => decodeStreamFields(fields, 'consent.granted', publicKeys))).toEqual([
      grant,
      second,
    ]);
  });

  it('rejects a batch entry altered after signing, or signed by another service than its source', () => {
    const [fields] = encodeStreamBatch([grant, { ...grant, id: randomUUID() }], compliance);
    const tampered = JSON.stringify({ ...grant, payload: { ...grant.payload, scopes: ['WRITE_RECORD'] } });
    fields![fields!.indexOf('event') + 1] = tampered;
    expect(() => decodeStreamFields(fields!, 'consent.granted', publicKeys)).toThrow('Bad signature');
    const [byDocuments] = encodeStreamBatch([grant], documents);
    expect(() => decodeStreamFields(byDocuments!, 'consent.granted', publicKeys)).toThrow('Bad signature');
  });

  it('rejects a batch entry whose proof is missing', () => {
    const [fields] = encodeStreamBatch([grant, { ...grant, id: randomUUID() }], compliance);
    const withoutProof = fields!.slice(0, fields!.indexOf('batchProof'));
    expect(() => decodeStreamFields(withoutProof, 'consent.granted', publicKeys)).toThrow('Bad signature');
  });
});
