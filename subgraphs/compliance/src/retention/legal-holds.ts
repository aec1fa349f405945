import { recordAudit, requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { LegalHoldEntity } from '../entities/legal-hold.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LegalHoldRequest {
  patientId?: string | null;
  actorId?: string | null;
  reason: string;
}

function auditHold(manager: EntityManager, ctx: RequestContext, hold: LegalHoldEntity, action: string) {
  return recordAudit(manager, ctx, {
    action,
    entityType: 'LegalHold',
    entityIds: [hold.id],
    patientIds: hold.patientId ? [hold.patientId] : [],
    outcome: 'SUCCESS',
  });
}

/** An administrator holds a patient's or an actor's audit entries (or both, matched either way) from purges. */
export async function placeLegalHold(
  ctx: RequestContext,
  request: LegalHoldRequest,
): Promise<LegalHoldEntity> {
  const admin = requireRole(ctx, Role.ADMIN);
  const actorId = request.actorId?.trim() || null;
  const patientId = request.patientId ?? null;
  const reason = request.reason.trim();
  if (!patientId && !actorId) {
    throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'Name a patient, an actor, or both.', {
      field: 'patientId',
    });
  }
  if (reason.length === 0) {
    throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'Give the reason for the hold.', {
      field: 'reason',
    });
  }
  return ctx.dataSource.transaction(async (manager) => {
    const hold = await manager.save(
      manager.create(LegalHoldEntity, {
        patientId,
        actorId,
        reason,
        placedBy: admin.id,
        placedAt: new Date(),
      }),
    );
    await auditHold(manager, ctx, hold, 'place');
    return hold;
  });
}

/** Ends a hold: the entries it kept become purgeable at the next run (unless another hold covers them). */
export async function releaseLegalHold(ctx: RequestContext, id: string): Promise<LegalHoldEntity> {
  const admin = requireRole(ctx, Role.ADMIN);
  return ctx.dataSource.transaction(async (manager) => {
    const hold = !UUID.test(id)
      ? null
      : await manager.findOne(LegalHoldEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!hold)
      throw new ComplianceError(ComplianceErrorCode.LEGAL_HOLD_NOT_FOUND, 'No legal hold has this id.');
    if (hold.releasedAt) {
      throw new ComplianceError(
        ComplianceErrorCode.LEGAL_HOLD_RELEASED,
        'This legal hold is already released.',
      );
    }
    hold.releasedBy = admin.id;
    hold.releasedAt = new Date();
    await manager.update(
      LegalHoldEntity,
      { id },
      { releasedBy: hold.releasedBy, releasedAt: hold.releasedAt },
    );
    await auditHold(manager, ctx, hold, 'release');
    return hold;
  });
}

/** Holds, newest first; only active ones unless `includeReleased`. */
export async function listLegalHolds(
  ctx: RequestContext,
  includeReleased: boolean,
): Promise<LegalHoldEntity[]> {
  requireRole(ctx, Role.ADMIN);
  const query = ctx.dataSource
    .getRepository(LegalHoldEntity)
    .createQueryBuilder('hold')
    .orderBy('hold.placedAt', 'DESC')
    .addOrderBy('hold.id', 'DESC');
  if (!includeReleased) query.where('hold.releasedAt IS NULL');
  const holds = await query.getMany();
  await recordAudit(ctx.dataSource.manager, ctx, {
    action: 'read',
    entityType: 'LegalHold',
    entityIds: holds.map((hold) => hold.id),
    patientIds: holds.flatMap((hold) => (hold.patientId ? [hold.patientId] : [])),
    outcome: 'SUCCESS',
  });
  return holds;
}
