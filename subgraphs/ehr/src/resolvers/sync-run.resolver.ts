import { type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ownedConnection } from '../connections/ehr-connections';
import { EhrError, EhrErrorCode } from '../ehr-error';
import type { EhrServices } from '../ehr-services';
import { EhrConnectionStatus } from '../entities/ehr-connection-status';
import { SyncRunStatus } from '../entities/sync-run-enums';
import { SyncRunEntity } from '../entities/sync-run.entity';
import { publishSyncProgress } from '../live/sync-progress-changes';
import { syncHistory } from '../sync/sync-history';
import { ehrSyncQueue } from '../sync/sync-queue';
import { requestSyncRun } from '../sync/sync-run-store';
import { requirePatient } from './require-patient';
import { SyncRunPage } from './types/sync-run-page.type';
import { SyncTypeCount } from './types/sync-type-count.type';

const MAX_PAGE = 50;

@Resolver(() => SyncRunEntity)
export class SyncRunResolver {
  @Mutation(() => SyncRunEntity, {
    description:
      'Syncs a connection now (full the first time, then only changes); while a sync is queued or running, returns that one.',
  })
  async syncEhr(
    @Arg('connectionId', () => ID, { description: 'The connection to sync.' }) connectionId: string,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<SyncRunEntity> {
    const connection = await ownedConnection(ctx.dataSource, requirePatient(ctx), connectionId);
    if (connection.status !== EhrConnectionStatus.ACTIVE)
      throw new EhrError(EhrErrorCode.NEEDS_REAUTH, 'Connect this provider again before syncing.');
    const { run, created } = await requestSyncRun(ctx.dataSource, connection);
    if (created) {
      await ctx.services.syncQueue.enqueue(
        ehrSyncQueue,
        { runId: run.id },
        { jobId: run.id, priority: 'high' },
      );
      await publishSyncProgress(ctx.services.changes, ctx.logger, connection.id, [SyncRunStatus.QUEUED]);
    }
    return run;
  }

  @Query(() => SyncRunPage, { description: 'A connection’s sync runs, newest first.' })
  async ehrSyncHistory(
    @Arg('connectionId', () => ID, { description: 'The connection whose runs to list.' })
    connectionId: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many runs (1–50).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<SyncRunPage> {
    const connection = await ownedConnection(ctx.dataSource, requirePatient(ctx), connectionId);
    if (first < 1 || first > MAX_PAGE)
      throw new EhrError(EhrErrorCode.INVALID_PAGE_SIZE, `first must be between 1 and ${MAX_PAGE}.`);
    return syncHistory(ctx.dataSource, connection.id, first, after);
  }

  @FieldResolver(() => [SyncTypeCount], {
    description: 'Per FHIR resource type, what the run fetched and applied.',
  })
  counts(@Root() run: SyncRunEntity): SyncTypeCount[] {
    return Object.entries(run.counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([resourceType, counts]) => ({ resourceType, ...counts }));
  }
}
