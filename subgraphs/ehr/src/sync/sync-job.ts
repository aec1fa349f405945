import type { QueueProducer } from '@holovitals/worker-runtime';
import { SyncRunStatus } from '../entities/sync-run-enums';
import { runConnectionSync, type SyncDependencies } from './connection-sync';
import type { ProviderSyncSlots } from './provider-sync-slots';
import { ehrSyncQueue } from './sync-queue';

export interface SyncJobDependencies extends SyncDependencies {
  slots: ProviderSyncSlots;
  queue: QueueProducer;
  /** How long a run waits (jittered) before asking again for a slot of a provider at its limit. */
  slotWaitMs: number;
}

export interface SyncJobResult {
  runId: string;
  status: SyncRunStatus;
  /** The provider was at its limit: the run stays QUEUED and a later job asks again. */
  deferred: boolean;
}

/**
 * One `ehr.sync` job: runs the sync while holding one of its provider's slots. When the provider already has its
 * limit of syncs running (on any worker), the run stays QUEUED and a delayed job (its own id per deferral, so a
 * retried job does not queue twice) asks again later; the worker's own slot is free for other providers meanwhile.
 */
export async function processSyncJob(
  deps: SyncJobDependencies,
  job: { runId: string; deferrals: number },
): Promise<SyncJobResult> {
  const [found] = await deps.dataSource.query<{ status: SyncRunStatus; provider_id: string }[]>(
    `SELECT r.status, c.provider_id FROM ehr_sync_run r JOIN ehr_connection c ON c.id = r.connection_id
      WHERE r.id = $1`,
    [job.runId],
  );
  if (!found || (found.status !== SyncRunStatus.QUEUED && found.status !== SyncRunStatus.RUNNING))
    return { runId: job.runId, status: found?.status ?? SyncRunStatus.FAILED, deferred: false };
  if (!(await deps.slots.acquire(found.provider_id, job.runId))) {
    const deferrals = job.deferrals + 1;
    await deps.queue.enqueue(
      ehrSyncQueue,
      { runId: job.runId, deferrals },
      { jobId: `${job.runId}.${deferrals}`, delayMs: Math.round(deps.slotWaitMs * (0.5 + Math.random())) },
    );
    return { runId: job.runId, status: SyncRunStatus.QUEUED, deferred: true };
  }
  const run = await deps.slots.hold(found.provider_id, job.runId, deps.signal, (signal) =>
    runConnectionSync({ ...deps, signal }, job.runId),
  );
  return { runId: job.runId, status: run?.status ?? SyncRunStatus.FAILED, deferred: false };
}
