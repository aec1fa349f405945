import { recordAudit, requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { AuditLogEntity } from '../entities/audit-log.entity';

/**
 * Accesses to the caller's own patient record by anyone but the caller, newest first (empty without a
 * record). Takes no patient id, so nobody can ask for another patient's; ADMIN searches any patient's
 * entries with `auditLog(filter: {patientId})`.
 */
export async function readAccessLog(ctx: RequestContext, first: number): Promise<AuditLogEntity[]> {
  const principal = requireUser(ctx);
  const owned: Array<{ patient_id: string }> = await ctx.dataSource.query(
    'SELECT patient_id FROM patient_owner WHERE owner_user_id = $1 ORDER BY patient_id LIMIT 1',
    [principal.id],
  );
  const patientId = owned[0]?.patient_id;
  if (!patientId) return [];
  const entries = await ctx.dataSource
    .getRepository(AuditLogEntity)
    .createQueryBuilder('entry')
    .where(':patientId = ANY(entry.patientIds)', { patientId })
    .andWhere('entry.actorId IS DISTINCT FROM :owner', { owner: principal.id })
    .orderBy('entry.seq', 'DESC')
    .take(first)
    .getMany();
  await recordAudit(ctx.dataSource.manager, ctx, {
    action: 'read',
    entityType: 'AccessLog',
    entityIds: [patientId],
    patientIds: [patientId],
    outcome: 'SUCCESS',
  });
  return entries;
}
