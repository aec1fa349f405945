import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditEntryHash, canonicalAuditContent, GENESIS_HASH, type ChainedAuditContent } from './audit-chain';

const entry: ChainedAuditContent = {
  seq: 7,
  eventId: '00000000-0000-4000-8000-000000000007',
  occurredAt: new Date('2026-12-01T10:00:00.123Z'),
  actorId: '00000000-0000-4000-8000-0000000000aa',
  actorRoles: ['CLINICIAN'],
  action: 'read',
  entityType: 'Patient',
  entityIds: ['p1'],
  patientIds: ['00000000-0000-4000-8000-0000000000bb'],
  outcome: 'SUCCESS',
  traceId: null,
  clientIp: '127.0.0.1',
  service: 'patient',
  onBehalfOf: null,
  consentId: null,
  prevHash: GENESIS_HASH,
};

describe('audit entry hashing', () => {
  it('hashes an entry without delegation exactly as before delegation existed (version 1)', () => {
    const versionOne = JSON.stringify([
      1,
      7,
      entry.eventId,
      '2026-12-01T10:00:00.123Z',
      entry.actorId,
      ['CLINICIAN'],
      'read',
      'Patient',
      ['p1'],
      entry.patientIds,
      'SUCCESS',
      null,
      '127.0.0.1',
      'patient',
      GENESIS_HASH,
    ]);
    expect(canonicalAuditContent(entry)).toBe(versionOne);
    expect(auditEntryHash(entry)).toBe(createHash('sha256').update(versionOne).digest('hex'));
  });

  it('covers the consent used and the patient acted for (version 2), so changing either breaks the hash', () => {
    const delegated = {
      ...entry,
      consentId: '00000000-0000-4000-8000-0000000000cc',
      onBehalfOf: entry.patientIds[0]!,
    };
    expect(JSON.parse(canonicalAuditContent(delegated))[0]).toBe(2);
    const hash = auditEntryHash(delegated);
    expect(hash).not.toBe(auditEntryHash(entry));
    expect(auditEntryHash({ ...delegated, onBehalfOf: null })).not.toBe(hash);
    expect(auditEntryHash({ ...delegated, consentId: '00000000-0000-4000-8000-0000000000dd' })).not.toBe(
      hash,
    );
  });
});
