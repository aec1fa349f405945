import type { DataSource } from 'typeorm';
import { ErrorGroupEntity } from '../entities/error-group.entity';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';
import type { ErrorOrigin } from '../monitoring-vocabulary';

export interface ErrorGroupSearch {
  service?: string | null;
  origin?: ErrorOrigin | null;
  since?: Date | null;
  traceId?: string | null;
}

export function errorGroupCursor(group: ErrorGroupEntity): string {
  return Buffer.from(`${group.lastSeenAt.toISOString()}|${group.id}`).toString('base64url');
}

function parseCursor(cursor: string): { lastSeenAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const lastSeenAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(lastSeenAt.getTime()))
    throw new MonitoringError(MonitoringErrorCode.INVALID_CURSOR, 'after is not a cursor of this list.', {
      field: 'after',
    });
  return { lastSeenAt, id };
}

/** Error groups, most recently seen first, `first + 1` rows (the extra one says whether a next page exists). */
export async function searchErrorGroups(
  dataSource: DataSource,
  filter: ErrorGroupSearch,
  first: number,
  after: string | null,
): Promise<ErrorGroupEntity[]> {
  const query = dataSource.getRepository(ErrorGroupEntity).createQueryBuilder('g');
  if (filter.service) query.andWhere('g.service = :service', { service: filter.service });
  if (filter.origin) query.andWhere('g.origin = :origin', { origin: filter.origin });
  if (filter.since) query.andWhere('g.last_seen_at >= :since', { since: filter.since });
  if (filter.traceId)
    query.andWhere(
      'EXISTS (SELECT 1 FROM monitoring_error_event e WHERE e.group_id = g.id AND e.trace_id = :traceId)',
      {
        traceId: filter.traceId,
      },
    );
  if (after) {
    const cursor = parseCursor(after);
    query.andWhere('(g.last_seen_at, g.id) < (:at, :id)', { at: cursor.lastSeenAt, id: cursor.id });
  }
  return query
    .orderBy('g.last_seen_at', 'DESC')
    .addOrderBy('g.id', 'DESC')
    .take(first + 1)
    .getMany();
}
