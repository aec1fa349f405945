import { keysetPage } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { ErrorGroupEntity } from '../entities/error-group.entity';
import type { ErrorOrigin } from '../monitoring-vocabulary';

export interface ErrorGroupSearch {
  service?: string | null;
  origin?: ErrorOrigin | null;
  since?: Date | null;
  traceId?: string | null;
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
  return keysetPage(query, { at: 'g.last_seen_at', id: 'g.id' }, 'DESC', first, after).getMany();
}
