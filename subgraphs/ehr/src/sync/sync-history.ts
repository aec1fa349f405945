import { keysetCursor, keysetPage } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { SyncRunEntity } from '../entities/sync-run.entity';

export interface SyncRunPage {
  runs: SyncRunEntity[];
  /** Pass back as `after` for the next page; null on the last page. */
  endCursor: string | null;
}

/** A connection's runs, newest first, keyset-paginated on (startedAt, id). */
export async function syncHistory(
  dataSource: DataSource,
  connectionId: string,
  first: number,
  after: string | null,
): Promise<SyncRunPage> {
  const query = dataSource
    .getRepository(SyncRunEntity)
    .createQueryBuilder('run')
    .where('run.connectionId = :connectionId', { connectionId });
  const rows = await keysetPage(
    query,
    { at: 'run.started_at', id: 'run.id' },
    'DESC',
    first,
    after,
  ).getMany();
  const runs = rows.slice(0, first);
  const last = runs.at(-1);
  return { runs, endCursor: rows.length > first && last ? keysetCursor(last.startedAt, last.id) : null };
}
