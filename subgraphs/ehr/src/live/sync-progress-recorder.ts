import type { ChangePublisher } from '@holovitals/live-changes';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { SyncRunStatus } from '../entities/sync-run-enums';
import type { SyncProgressStep } from '../sync/connection-sync';
import { publishSyncProgress } from './sync-progress-changes';

/**
 * The worker's side of `ehrSyncProgress`: stores a running run's counts and current resource type on its row (what
 * subscribers read) and publishes the step. A page that fetched nothing new is neither stored nor published, so a
 * quiet incremental run costs no extra writes; phase changes always are.
 */
export function syncProgressRecorder(
  dataSource: DataSource,
  changes: ChangePublisher,
  logger: Pick<Logger, 'warn'>,
): (step: SyncProgressStep) => Promise<void> {
  const lastTotal = new Map<string, number>();
  return async (step) => {
    try {
      await record(step);
    } catch (err) {
      // Progress is for the screen; a sync never fails because it could not be shown.
      logger.warn({ err, runId: step.runId }, 'ehr sync progress not recorded');
    }
  };

  async function record(step: SyncProgressStep): Promise<void> {
    const running = step.phase === SyncRunStatus.RUNNING;
    if (running && lastTotal.has(step.runId) && lastTotal.get(step.runId) === step.resourceCount) return;
    if (running) {
      lastTotal.set(step.runId, step.resourceCount);
      await dataSource.query(
        `UPDATE ehr_sync_run SET counts = $2, resource_count = $3, current_resource_type = $4
          WHERE id = $1 AND status = $5`,
        [
          step.runId,
          JSON.stringify(step.counts),
          step.resourceCount,
          step.resourceType,
          SyncRunStatus.RUNNING,
        ],
      );
    } else {
      lastTotal.delete(step.runId);
      await dataSource.query(`UPDATE ehr_sync_run SET current_resource_type = NULL WHERE id = $1`, [
        step.runId,
      ]);
    }
    await publishSyncProgress(
      changes,
      logger,
      step.connectionId,
      step.resourceType === null ? [step.phase] : [step.phase, step.resourceType],
    );
  }
}
