import type { DataSource } from 'typeorm';
import { SyncMode, SyncRunStatus } from '../entities/sync-run-enums';
import { SyncRunEntity } from '../entities/sync-run.entity';

/**
 * Asks for a sync of a connection: a new QUEUED run, or the run already queued or running for it (the partial
 * unique index makes two concurrent requests meet on one run). `created` says whether a job must be enqueued.
 */
export async function requestSyncRun(
  dataSource: DataSource,
  connection: { id: string; syncCursor: Date | null },
): Promise<{ run: SyncRunEntity; created: boolean }> {
  const inserted = (await dataSource.query(
    `INSERT INTO ehr_sync_run (connection_id, mode, status, since, started_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (connection_id) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
     RETURNING id`,
    [
      connection.id,
      connection.syncCursor ? SyncMode.INCREMENTAL : SyncMode.FULL,
      SyncRunStatus.QUEUED,
      connection.syncCursor,
    ],
  )) as { id: string }[];
  const repository = dataSource.getRepository(SyncRunEntity);
  if (inserted[0]) return { run: await repository.findOneByOrFail({ id: inserted[0].id }), created: true };
  const open = await repository
    .createQueryBuilder('run')
    .where('run.connectionId = :id AND run.status IN (:...open)', {
      id: connection.id,
      open: [SyncRunStatus.QUEUED, SyncRunStatus.RUNNING],
    })
    .getOneOrFail();
  return { run: open, created: false };
}
