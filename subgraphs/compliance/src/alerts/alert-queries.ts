import { keysetPage } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { SecurityAlertEntity } from '../entities/security-alert.entity';
import type { SecurityAlertSeverity, SecurityAlertStatus } from './alert-vocabulary';

export interface AlertSearch {
  status?: SecurityAlertStatus | null;
  severity?: SecurityAlertSeverity | null;
}

/** Alerts matching the filter, newest first, `first + 1` of them so the caller knows whether more follow. */
export async function searchAlerts(
  dataSource: DataSource,
  filter: AlertSearch,
  first: number,
  after: string | null,
): Promise<SecurityAlertEntity[]> {
  const query = dataSource.getRepository(SecurityAlertEntity).createQueryBuilder('alert');
  if (filter.status) query.andWhere('alert.status = :status', { status: filter.status });
  if (filter.severity) query.andWhere('alert.severity = :severity', { severity: filter.severity });
  return keysetPage(query, { at: 'alert.raised_at', id: 'alert.id' }, 'DESC', first, after).getMany();
}
