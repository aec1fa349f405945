import { hasRole, type Principal, Role } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the principal may see the task: the user who requested it, or ADMIN. */
export function mayReadTask(principal: Principal, task: Pick<AnalysisTaskEntity, 'ownerUserId'>): boolean {
  return task.ownerUserId === principal.id || hasRole(principal, Role.ADMIN);
}

/** The task if the principal may see it; another user's task is NOT_FOUND, so ids reveal nothing. */
export async function visibleTask(
  dataSource: DataSource,
  principal: Principal,
  id: string,
): Promise<AnalysisTaskEntity> {
  const task = UUID.test(id) ? await dataSource.getRepository(AnalysisTaskEntity).findOneBy({ id }) : null;
  if (!task || !mayReadTask(principal, task)) {
    throw new AnalysisError(AnalysisErrorCode.TASK_NOT_FOUND, `No analysis task ${id}.`, { id });
  }
  return task;
}
