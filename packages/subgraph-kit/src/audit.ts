import { enqueueEvent } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from './system-actor';

export interface AuditEntry {
  /** Verb on the entity, e.g. `read`, `create`, `update`, `delete`, `import`, `export`. */
  action: string;
  entityType: string;
  entityIds: string[];
  /**
   * Each patient the access touched: one event names them all (rather than one event per patient), so a list read
   * stays one audit row and compliance can still find every access to a given patient.
   */
  patientIds: string[];
  outcome: 'SUCCESS' | 'DENIED' | 'FAILURE';
  /** The patient's user, when the actor acted for them under a PROXY grant. */
  onBehalfOf?: string | null;
  /** The consent grant the access relied on, when it relied on one. */
  consentId?: string | null;
}

/**
 * Records who touched which health data, as an `audit.recorded` event in the caller's transaction:
 * the audit trail commits with the change it describes, or not at all. Outside a transaction (reads)
 * it commits on its own. `ctx` is the request's context, or a system actor for work no request started.
 */
export async function recordAudit(manager: EntityManager, ctx: AuditActor, entry: AuditEntry): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    await manager.transaction((transactional) => recordAudit(transactional, ctx, entry));
    return;
  }
  await enqueueEvent(
    manager,
    ctx.service,
    'audit.recorded',
    {
      actorId: ctx.principal?.id ?? null,
      actorRoles: ctx.principal?.roles ?? [],
      action: entry.action,
      entityType: entry.entityType,
      entityIds: entry.entityIds,
      patientIds: [...new Set(entry.patientIds)],
      outcome: entry.outcome,
      traceId: ctx.traceId,
      clientIp: ctx.clientIp,
      service: ctx.service,
      onBehalfOf: entry.onBehalfOf ?? null,
      consentId: entry.consentId ?? null,
    },
    { traceId: ctx.traceId },
  );
}
