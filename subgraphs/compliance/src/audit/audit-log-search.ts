import type { DataSource } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';

export interface AuditLogSearch {
  actorId?: string | null;
  patientId?: string | null;
  action?: string | null;
  entityType?: string | null;
  outcome?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Entries matching every given field, newest first, before the `after` cursor (a seq). */
export async function searchAuditLog(
  dataSource: DataSource,
  filter: AuditLogSearch,
  first: number,
  after: number | null,
): Promise<{ entries: AuditLogEntity[]; endCursor: string | null }> {
  const query = dataSource
    .getRepository(AuditLogEntity)
    .createQueryBuilder('entry')
    .orderBy('entry.seq', 'DESC')
    .take(first + 1);
  if (after !== null) query.andWhere('entry.seq < :after', { after });
  if (filter.actorId) query.andWhere('entry.actorId = :actorId', { actorId: filter.actorId });
  if (filter.patientId) query.andWhere(':patientId = ANY(entry.patientIds)', { patientId: filter.patientId });
  if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
  if (filter.entityType) query.andWhere('entry.entityType = :entityType', { entityType: filter.entityType });
  if (filter.outcome) query.andWhere('entry.outcome = :outcome', { outcome: filter.outcome });
  if (filter.from) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
  if (filter.to) query.andWhere('entry.occurredAt <= :to', { to: filter.to });
  const rows = await query.getMany();
  const entries = rows.slice(0, first);
  const hasMore = rows.length > first;
  return { entries, endCursor: hasMore ? String(entries[entries.length - 1]!.seq) : null };
}
