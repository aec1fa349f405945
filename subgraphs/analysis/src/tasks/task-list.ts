import { keysetPage } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';

export const MAX_TASK_PAGE = 100;

/** Whose tasks to list: those a user requested, or every task about one patient. */
export type TaskListScope = { ownerUserId: string } | { patientId: string };

/** Tasks newest first: one keyset page plus one row telling whether more follow (one statement). */
export async function listTasks(
  dataSource: DataSource,
  scope: TaskListScope,
  first: number,
  after: string | null,
): Promise<AnalysisTaskEntity[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_TASK_PAGE) {
    throw new AnalysisError(
      AnalysisErrorCode.BAD_USER_INPUT,
      `first must be between 1 and ${MAX_TASK_PAGE}.`,
      { field: 'first' },
    );
  }
  const query = dataSource
    .getRepository(AnalysisTaskEntity)
    .createQueryBuilder('task')
    .where(
      'ownerUserId' in scope ? 'task.owner_user_id = :ownerUserId' : 'task.patient_id = :patientId',
      scope,
    );
  return keysetPage(query, { at: 'task.created_at', id: 'task.id' }, 'DESC', first, after).getMany();
}
