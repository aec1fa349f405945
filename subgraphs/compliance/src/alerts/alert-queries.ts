import type { DataSource } from 'typeorm';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { SecurityAlertEntity } from '../entities/security-alert.entity';
import type { SecurityAlertSeverity, SecurityAlertStatus } from './alert-vocabulary';

export interface AlertSearch {
  status?: SecurityAlertStatus | null;
  severity?: SecurityAlertSeverity | null;
}

/** An alert's place in the newest-first order: raisedAt, then id to break ties. */
export function alertCursor(alert: SecurityAlertEntity): string {
  return Buffer.from(`${alert.raisedAt.toISOString()}|${alert.id}`).toString('base64url');
}

function parseAlertCursor(cursor: string): { raisedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const raisedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(raisedAt.getTime())) {
    throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'Unknown cursor.', { field: 'after' });
  }
  return { raisedAt, id };
}

/** Alerts matching the filter, newest first, `first + 1` of them so the caller knows whether more follow. */
export async function searchAlerts(
  dataSource: DataSource,
  filter: AlertSearch,
  first: number,
  after: string | null,
): Promise<SecurityAlertEntity[]> {
  const query = dataSource
    .getRepository(SecurityAlertEntity)
    .createQueryBuilder('alert')
    .orderBy('alert.raisedAt', 'DESC')
    .addOrderBy('alert.id', 'DESC')
    .take(first + 1);
  if (filter.status) query.andWhere('alert.status = :status', { status: filter.status });
  if (filter.severity) query.andWhere('alert.severity = :severity', { severity: filter.severity });
  if (after !== null) {
    const cursor = parseAlertCursor(after);
    query.andWhere('(alert.raisedAt, alert.id) < (:raisedAt, :id)', cursor);
  }
  return query.getMany();
}
