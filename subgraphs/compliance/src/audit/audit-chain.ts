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
  prevHash: string;
}

/**
 * A fixed-order JSON array of the content, so the same entry always hashes the same however it was read
 * (from the event, or back from PostgreSQL). Times are cut to milliseconds, the precision events carry.
 */
export function canonicalAuditContent(entry: ChainedAuditContent): string {
  return JSON.stringify([
    1,
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
    entry.prevHash,
  ]);
}

/** SHA-256 (hex) of the entry's canonical content, previous hash included. */
export function auditEntryHash(entry: ChainedAuditContent): string {
  return createHash('sha256').update(canonicalAuditContent(entry)).digest('hex');
}
