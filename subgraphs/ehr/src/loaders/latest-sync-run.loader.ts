import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { SyncRunEntity } from '../entities/sync-run.entity';

/** The newest run of each connection for one request: a list of connections costs one run query. */
export function latestSyncRunLoader(ctx: RequestContext): DataLoader<string, SyncRunEntity | null> {
  return ctx.loaders.get(
    'latest-sync-run',
    () =>
      new DataLoader<string, SyncRunEntity | null>(async (connectionIds) => {
        const rows = await ctx.dataSource
          .getRepository(SyncRunEntity)
          .createQueryBuilder('run')
          .distinctOn(['run.connection_id'])
          .where('run.connection_id IN (:...ids)', { ids: [...connectionIds] })
          .orderBy('run.connection_id')
          .addOrderBy('run.started_at', 'DESC')
          .addOrderBy('run.id', 'DESC')
          .getMany();
        const byConnection = new Map(rows.map((row) => [row.connectionId, row]));
        return connectionIds.map((id) => byConnection.get(id) ?? null);
      }),
  );
}
