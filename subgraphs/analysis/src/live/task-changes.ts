import type { ChangeKind, ChangePublisher } from '@holovitals/live-changes';
import type { Logger } from 'pino';

/** The subscription field a task's progress is published for. */
export const ANALYSIS_TASK_UPDATED = 'analysisTaskUpdated';

/**
 * Tells subscribers of `analysisTaskUpdated(taskId)` that the task changed, after the change committed. The message
 * carries the id and changed field names only; a failed publish is logged and never fails the work.
 */
export async function publishTaskChange(
  changes: ChangePublisher,
  logger: Pick<Logger, 'warn'>,
  taskId: string,
  changed: string[],
  kind: ChangeKind = 'UPDATED',
): Promise<void> {
  try {
    await changes.publish(
      ANALYSIS_TASK_UPDATED,
      { taskId },
      { typename: 'AnalysisTask', id: taskId, kind, changed },
    );
  } catch (err) {
    logger.warn({ err, taskId }, 'analysis task change not published');
  }
}
