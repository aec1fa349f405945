import type { EventHandlers } from '@holovitals/events';
import type { ChangePublisher } from '@holovitals/live-changes';
import type { Logger } from 'pino';
import { publishSyncProgress } from '../live/sync-progress-changes';
import { SyncRunStatus } from '../entities/sync-run-enums';
import type { SyncTypeCounts } from '../entities/sync-run.entity';

/**
 * Records patient's ehr.sync.applied on the run: per-type created/updated/unchanged/conflicts beside what was
 * fetched, and the run becomes APPLIED. Idempotent: a redelivered event writes the same values again.
 */
export function syncAppliedHandlers(live: { changes: ChangePublisher; logger: Logger }): EventHandlers {
  return {
    'ehr.sync.applied': async (event, manager) => {
      const { syncRunId, counts, errors } = event.payload;
      const rows = (await manager.query(`SELECT counts FROM ehr_sync_run WHERE id = $1 FOR UPDATE`, [
        syncRunId,
      ])) as {
        counts: Record<string, SyncTypeCounts>;
      }[];
      // A run deleted with its connection (disconnect) has nothing to record.
      if (!rows[0]) return;
      const merged: Record<string, SyncTypeCounts> = { ...rows[0].counts };
      for (const [type, applied] of Object.entries(counts))
        merged[type] = { fetched: merged[type]?.fetched ?? 0, ...applied };
      await manager.query(
        `UPDATE ehr_sync_run SET counts = $2, status = $3, errors = $4::text[] WHERE id = $1`,
        [syncRunId, JSON.stringify(merged), SyncRunStatus.APPLIED, errors],
      );
      // Published as the consumer's transaction ends; the gateway reads the run when the message reaches it.
      await publishSyncProgress(live.changes, live.logger, event.payload.connectionId, [
        SyncRunStatus.APPLIED,
      ]);
    },
  };
}
