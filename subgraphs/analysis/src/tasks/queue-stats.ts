import type { DeadLetter, QueueDefinition, QueueProducer } from '@holovitals/worker-runtime';
import type { DataSource } from 'typeorm';
import { AnalysisPriority, AnalysisTaskStatus } from '../entities/analysis-enums';
import type { AnalysisJob } from './analysis-queue';

export interface QueueStats {
  byStatus: Array<{ status: AnalysisTaskStatus; count: number }>;
  waitingByPriority: Array<{ priority: AnalysisPriority; count: number }>;
  oldestWaitingSeconds: number | null;
  deadLetters: Array<DeadLetter<AnalysisJob>>;
}

/** Task counts by status and waiting priority (one statement each) and the kept dead letters, for admins. */
export async function queueStats(
  dataSource: DataSource,
  producer: QueueProducer,
  queue: QueueDefinition<AnalysisJob>,
  deadLetterLimit = 50,
): Promise<QueueStats> {
  const statusRows = (await dataSource.query(
    `SELECT status, count(*)::int AS count FROM analysis_task GROUP BY status`,
  )) as Array<{ status: AnalysisTaskStatus; count: number }>;
  const priorityRows = (await dataSource.query(
    `SELECT priority, count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float AS oldest
       FROM analysis_task WHERE status = 'QUEUED' GROUP BY priority`,
  )) as Array<{ priority: AnalysisPriority; count: number; oldest: number }>;
  const counts = new Map(statusRows.map((row) => [row.status, row.count]));
  const waiting = new Map(priorityRows.map((row) => [row.priority, row.count]));
  return {
    byStatus: Object.values(AnalysisTaskStatus).map((status) => ({ status, count: counts.get(status) ?? 0 })),
    waitingByPriority: Object.values(AnalysisPriority).map((priority) => ({
      priority,
      count: waiting.get(priority) ?? 0,
    })),
    oldestWaitingSeconds: priorityRows.length ? Math.max(...priorityRows.map((row) => row.oldest)) : null,
    deadLetters: await producer.deadLetters(queue, deadLetterLimit),
  };
}
