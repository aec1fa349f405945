import { type Principal, recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import { In } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisServices } from '../analysis-services';
import { AnalysisTaskStatus } from '../entities/analysis-enums';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';
import { publishTaskChange } from '../live/task-changes';
import { mayManageTask, visibleTask } from './task-access';

/**
 * Cancels a waiting or running task: the row becomes CANCELLED first (only from QUEUED/RUNNING, so a task that
 * just finished stays finished), then the waiting job is removed or the running one signalled; the worker also
 * checks the row between steps and never writes a result for a cancelled task.
 */
export async function cancelAnalysisTask(
  ctx: RequestContext<AnalysisServices>,
  principal: Principal,
  id: string,
): Promise<AnalysisTaskEntity> {
  const task = await visibleTask(ctx, principal, id);
  if (!mayManageTask(principal, task)) {
    throw new AnalysisError(
      AnalysisErrorCode.FORBIDDEN,
      'Only who requested an analysis (or an ADMIN) may cancel it.',
    );
  }
  const repository = ctx.dataSource.getRepository(AnalysisTaskEntity);
  const updated = await repository.update(
    { id: task.id, status: In([AnalysisTaskStatus.QUEUED, AnalysisTaskStatus.RUNNING]) },
    { status: AnalysisTaskStatus.CANCELLED, finishedAt: new Date(), failureReason: 'Cancelled by request.' },
  );
  if (!updated.affected) {
    const current = await repository.findOneByOrFail({ id: task.id });
    throw new AnalysisError(
      AnalysisErrorCode.TASK_FINISHED,
      `The analysis already finished (${current.status}); only waiting or running analyses can be cancelled.`,
      { status: current.status },
    );
  }
  await ctx.services.producer.cancel(ctx.services.queue, task.id);
  await recordAudit(ctx.dataSource.manager, ctx, {
    action: 'cancel',
    entityType: 'AnalysisTask',
    entityIds: [task.id],
    patientIds: [task.patientId],
    outcome: 'SUCCESS',
  });
  await publishTaskChange(ctx.services.changes, ctx.logger, task.id, ['status']);
  return repository.findOneByOrFail({ id: task.id });
}
