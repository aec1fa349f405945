import type { DataSource } from 'typeorm';
import { RbacAccessLogEntity, type RbacDecision } from '../entities/rbac-access-log.entity';

export interface RbacSearch {
  actorId?: string | null;
  decision?: RbacDecision | null;
  from?: Date | null;
  to?: Date | null;
}

/** Decisions matching the filter, newest first, before the `after` seq; `first + 1` rows. */
export function searchRbacAccessLog(
  dataSource: DataSource,
  filter: RbacSearch,
  first: number,
  afterSeq: number | null,
): Promise<RbacAccessLogEntity[]> {
  const query = dataSource
    .getRepository(RbacAccessLogEntity)
    .createQueryBuilder('entry')
    .orderBy('entry.seq', 'DESC')
    .take(first + 1);
  if (afterSeq !== null) query.andWhere('entry.seq < :afterSeq', { afterSeq });
  if (filter.actorId) query.andWhere('entry.actorId = :actorId', { actorId: filter.actorId });
  if (filter.decision) query.andWhere('entry.decision = :decision', { decision: filter.decision });
  if (filter.from) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
  if (filter.to) query.andWhere('entry.occurredAt <= :to', { to: filter.to });
  return query.getMany();
}
