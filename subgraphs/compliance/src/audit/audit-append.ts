import type { DomainEvent } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { AUDIT_APPENDER_ROLE } from '../migrations/1764600000000-create-audit-log';
import { RBAC_DECISIONS_OF_APPENDED } from '../rbac/rbac-decisions';
import { auditEntryHash, GENESIS_HASH, type ChainedAuditContent } from './audit-chain';

/** One transaction-scoped advisory lock serialises appends, so every entry chains onto the one before. */
export const AUDIT_CHAIN_LOCK = 0x61756474;

const COLUMNS =
  'seq, event_id, occurred_at, actor_id, actor_roles, action, entity_type, entity_ids, patient_ids, outcome, trace_id, client_ip, service, on_behalf_of, consent_id, prev_hash, hash';

/**
 * Appends audit events to the chain in the caller's transaction, in the order given, with their RBAC decisions.
 * Runs the insert as the append-only role, so even a bug here cannot update or delete a row. Events already in
 * the log (same event id) are skipped; returns the events appended, in chain order.
 */
export async function appendAuditEvents(
  manager: EntityManager,
  events: ReadonlyArray<DomainEvent<'audit.recorded'>>,
): Promise<Array<DomainEvent<'audit.recorded'>>> {
  if (events.length === 0) return [];
  // Two statements, one round trip (no parameters, so the simple protocol carries both). The head is read by the
  // next statement, whose snapshot is taken once the lock is held.
  await manager.query(
    `SET LOCAL ROLE ${AUDIT_APPENDER_ROLE}; SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`,
  );
  const [head]: Array<{ seq: string | null; hash: string | null; present: string[] }> = await manager.query(
    `SELECT last.seq, last.hash,
            ARRAY(SELECT event_id::text FROM audit_log WHERE event_id = ANY($1::uuid[])) AS present
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last ON true`,
    [events.map((event) => event.id)],
  );
  const seen = new Set(head!.present);
  let seq = head!.seq === null ? 0 : Number(head!.seq);
  let prevHash = head!.hash ?? GENESIS_HASH;
  const rows: Array<Record<string, unknown>> = [];
  const appended: Array<DomainEvent<'audit.recorded'>> = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    appended.push(event);
    seq += 1;
    const { payload } = event;
    const content: ChainedAuditContent = {
      seq,
      eventId: event.id,
      occurredAt: new Date(event.occurredAt),
      actorId: payload.actorId,
      actorRoles: payload.actorRoles,
      action: payload.action,
      entityType: payload.entityType,
      entityIds: payload.entityIds,
      patientIds: payload.patientIds,
      outcome: payload.outcome,
      traceId: payload.traceId,
      clientIp: payload.clientIp,
      service: payload.service,
      onBehalfOf: payload.onBehalfOf,
      consentId: payload.consentId,
      prevHash,
    };
    const hash = auditEntryHash(content);
    rows.push({
      seq: content.seq,
      event_id: content.eventId,
      occurred_at: content.occurredAt.toISOString(),
      actor_id: content.actorId,
      actor_roles: content.actorRoles,
      action: content.action,
      entity_type: content.entityType,
      entity_ids: content.entityIds,
      patient_ids: content.patientIds,
      outcome: content.outcome,
      trace_id: content.traceId,
      client_ip: content.clientIp,
      service: content.service,
      on_behalf_of: content.onBehalfOf,
      consent_id: content.consentId,
      prev_hash: content.prevHash,
      hash,
    });
    prevHash = hash;
  }
  if (rows.length > 0) {
    // One JSON parameter instead of 17 per row: PostgreSQL parses it far faster than thousands of bind values.
    // The RBAC decisions come from the rows as inserted, in the same statement.
    await manager.query(
      `WITH appended AS (
         INSERT INTO audit_log (${COLUMNS})
         SELECT ${COLUMNS} FROM json_populate_recordset(NULL::audit_log, $1::json)
         RETURNING *)
       ${RBAC_DECISIONS_OF_APPENDED}`,
      [JSON.stringify(rows)],
    );
  }
  await manager.query('RESET ROLE');
  return appended;
}
