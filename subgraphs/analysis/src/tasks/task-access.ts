import { hasRole, type Principal, recordAudit, type RequestContext, Role } from '@holovitals/subgraph-kit';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { mayReadPatientAnalyses } from '../access/analyses-access';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the principal may manage (cancel) the task: the user who requested it, or ADMIN. */
export function mayManageTask(principal: Principal, task: Pick<AnalysisTaskEntity, 'ownerUserId'>): boolean {
  return task.ownerUserId === principal.id || hasRole(principal, Role.ADMIN);
}

/** Whether the caller may see the task: its requester, ADMIN, the patient, or a READ_ANALYSES grantee. */
export async function mayReadTask(
  ctx: RequestContext,
  principal: Principal,
  task: Pick<AnalysisTaskEntity, 'ownerUserId' | 'patientId'>,
): Promise<boolean> {
  return mayManageTask(principal, task) || mayReadPatientAnalyses(ctx, task.patientId);
}

/** The task if the caller may see it; one they may not see is NOT_FOUND (audited as DENIED), so ids reveal nothing. */
export async function visibleTask(
  ctx: RequestContext,
  principal: Principal,
  id: string,
): Promise<AnalysisTaskEntity> {
  const task = UUID.test(id)
    ? await ctx.dataSource.getRepository(AnalysisTaskEntity).findOneBy({ id })
    : null;
  if (task && (await mayReadTask(ctx, principal, task))) return task;
  if (task) {
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'read',
      entityType: 'AnalysisTask',
      entityIds: [task.id],
      patientIds: [task.patientId],
      outcome: 'DENIED',
    });
  }
  throw new AnalysisError(AnalysisErrorCode.TASK_NOT_FOUND, `No analysis task ${id}.`, { id });
}

/** Refuses (FORBIDDEN, audited as DENIED) unless the caller may read every analysis of the patient. */
export async function requirePatientAnalysesAccess(ctx: RequestContext, patientId: string): Promise<void> {
  if (!UUID.test(patientId)) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'patientId is not a patient id.', {
      field: 'patientId',
    });
  }
  if (await mayReadPatientAnalyses(ctx, patientId)) return;
  await recordAudit(ctx.dataSource.manager, ctx, {
    action: 'read',
    entityType: 'AnalysisTask',
    entityIds: [],
    patientIds: [patientId],
    outcome: 'DENIED',
  });
  throw new AnalysisError(AnalysisErrorCode.FORBIDDEN, 'You may not read this patient’s analyses.');
}
