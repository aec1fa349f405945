import { defineQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';

/**
 * One job per SyncRun; the run row (not the job) is the source of truth, so a retried job resumes it. `deferrals`
 * counts how often the run waited for a slot of its provider (each wait is a new delayed job).
 */
export const ehrSyncQueue = defineQueue({
  name: 'ehr.sync',
  payload: z.object({ runId: z.string().uuid(), deferrals: z.number().int().min(0).optional() }),
  attempts: 3,
  backoffMs: 30_000,
  timeoutMs: 15 * 60_000,
});

/** The repeatable scan that enqueues each connection's daily sync when its slot passes. */
export const ehrScheduleQueue = defineQueue({
  name: 'ehr.schedule',
  payload: z.object({}),
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 5 * 60_000,
});
