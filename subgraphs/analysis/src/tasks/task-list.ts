import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { parseKeysetCursor } from '../keyset-cursor';
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
    )
    .orderBy('task.created_at', 'DESC')
    .addOrderBy('task.id', 'DESC')
    .take(first + 1);
  if (after) {
    const position = parseKeysetCursor(after);
    query.andWhere('(task.created_at, task.id) < (:createdAt, :id)', position);
  }
  return query.getMany();
}
