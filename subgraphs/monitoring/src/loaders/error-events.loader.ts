import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { ErrorEventEntity } from '../entities/error-event.entity';

/** The latest occurrences of each requested error group, in one query per request. */
export function errorEventsLoader(
  ctx: RequestContext,
  limit: number,
): DataLoader<string, ErrorEventEntity[]> {
  return ctx.loaders.get(
    `error-events:${limit}`,
    () =>
      new DataLoader<string, ErrorEventEntity[]>(async (groupIds) => {
        const rows = (await ctx.dataSource.query(
          `SELECT id, group_id, message, trace_id, operation, path, occurred_at FROM (
         SELECT *, row_number() OVER (PARTITION BY group_id ORDER BY occurred_at DESC) AS position
           FROM monitoring_error_event WHERE group_id = ANY($1::uuid[])
       ) ranked WHERE position <= $2 ORDER BY occurred_at DESC`,
          [groupIds, limit],
        )) as Array<{
          id: string;
          group_id: string;
          message: string;
          trace_id: string | null;
          operation: string | null;
          path: string | null;
          occurred_at: Date;
        }>;
        const byGroup = new Map<string, ErrorEventEntity[]>();
        for (const row of rows) {
          const event = Object.assign(new ErrorEventEntity(), {
            id: row.id,
            groupId: row.group_id,
            message: row.message,
            traceId: row.trace_id,
            operation: row.operation,
            path: row.path,
            occurredAt: row.occurred_at,
          });
          byGroup.set(row.group_id, [...(byGroup.get(row.group_id) ?? []), event]);
        }
        return groupIds.map((groupId) => byGroup.get(groupId) ?? []);
      }),
  );
}
