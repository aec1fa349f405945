import {
  DomainError,
  ErrorCode,
  hasRole,
  recordAudit,
  requireUser,
  Role,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { AuditLogEntity } from '../entities/audit-log.entity';

/**
 * Accesses to one patient's data by anyone but the patient, newest first. The patient sees their own
 * record's log (the one they own, when `patientId` is omitted); ADMIN sees any patient's, audited.
 */
export async function readAccessLog(
  ctx: RequestContext,
  patientId: string | null,
  first: number,
): Promise<AuditLogEntity[]> {
  const principal = requireUser(ctx);
  const owned: Array<{ patient_id: string; owner_user_id: string | null }> = await ctx.dataSource.query(
    patientId
      ? 'SELECT patient_id, owner_user_id FROM patient_owner WHERE patient_id = $1'
      : 'SELECT patient_id, owner_user_id FROM patient_owner WHERE owner_user_id = $1 ORDER BY patient_id LIMIT 1',
    [patientId ?? principal.id],
  );
  const record = owned[0];
  const isOwner = record?.owner_user_id === principal.id;
  if (!isOwner && !hasRole(principal, Role.ADMIN)) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      'Only the patient or an administrator may read this access log.',
    );
  }
  const target = record?.patient_id ?? patientId;
  if (!target) return [];
  const entries = await ctx.dataSource
    .getRepository(AuditLogEntity)
    .createQueryBuilder('entry')
    .where(':patientId = ANY(entry.patientIds)', { patientId: target })
    .andWhere('entry.actorId IS DISTINCT FROM :owner', { owner: record?.owner_user_id ?? null })
    .orderBy('entry.seq', 'DESC')
    .take(first)
    .getMany();
  await recordAudit(ctx.dataSource.manager, ctx, {
    action: 'read',
    entityType: 'AccessLog',
    entityIds: [target],
    patientIds: [target],
    outcome: 'SUCCESS',
  });
  return entries;
}
