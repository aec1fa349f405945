import { defineQueue, type JobPriority, type QueueDefinition } from '@holovitals/worker-runtime';
import { z } from 'zod';
import type { AnalysisSharedConfig } from '../config';
import { AnalysisPriority } from '../entities/analysis-enums';

export interface AnalysisJob {
  taskId: string;
}

/** One job per AnalysisTask, job id = task id; the task row (not the job) is the source of truth. */
export function analysisQueue(config: AnalysisSharedConfig): QueueDefinition<AnalysisJob> {
  return defineQueue({
    name: 'analysis.run',
    payload: z.object({ taskId: z.string().uuid() }),
    attempts: config.ANALYSIS_ATTEMPTS,
    backoffMs: config.ANALYSIS_BACKOFF_MS,
    timeoutMs: config.ANALYSIS_TIMEOUT_MS,
  });
}

/** The worker's schedule that deletes expired record snapshots. */
export const contextExpiryQueue = defineQueue({
  name: 'analysis.context-expiry',
  payload: z.object({}),
  attempts: 1,
  backoffMs: 1_000,
  timeoutMs: 60_000,
  keepCompletedSeconds: 3_600,
});

/** STAT=1, URGENT=2, NORMAL=5, BATCH=10 as bull priorities: the lower number runs first. */
export const queuePriority: Record<AnalysisPriority, JobPriority> = {
  [AnalysisPriority.STAT]: 'critical',
  [AnalysisPriority.URGENT]: 'high',
  [AnalysisPriority.NORMAL]: 'normal',
  [AnalysisPriority.BATCH]: 'low',
};
