import { createHash } from 'node:crypto';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content an audit entry's hash covers: everything but the hash itself. */
export interface ChainedAuditContent {
  seq: number;
  eventId: string;
  occurredAt: Date;
  actorId: string | null;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityIds: string[];
  patientIds: string[];
  outcome: string;
  traceId: string | null;
  clientIp: string | null;
  service: string;
  onBehalfOf: string | null;
  consentId: string | null;
  prevHash: string;
}

/**
 * A fixed-order JSON array of the content, so the same entry always hashes the same however it was read
 * (from the event, or back from PostgreSQL). Times are cut to milliseconds, the precision events carry.
 * Version 2 adds the delegation (consent used, patient acted for) and is used only for entries that have one, so
 * every entry written before those fields existed keeps its version-1 hash.
 */
export function canonicalAuditContent(entry: ChainedAuditContent): string {
  const delegated = entry.onBehalfOf !== null || entry.consentId !== null;
  return JSON.stringify([
    delegated ? 2 : 1,
    entry.seq,
    entry.eventId,
    entry.occurredAt.toISOString(),
    entry.actorId,
    entry.actorRoles,
    entry.action,
    entry.entityType,
    entry.entityIds,
    entry.patientIds,
    entry.outcome,
    entry.traceId,
    entry.clientIp,
    entry.service,
    ...(delegated ? [entry.onBehalfOf, entry.consentId] : []),
    entry.prevHash,
  ]);
}

/** SHA-256 (hex) of the entry's canonical content, previous hash included. */
export function auditEntryHash(entry: ChainedAuditContent): string {
  return createHash('sha256').update(canonicalAuditContent(entry)).digest('hex');
}
