import type { DataSource } from 'typeorm';

export interface RetentionSettings {
  metricsDays: number;
  historyDays: number;
  errorsDays: number;
}

/** Deletes rollups, transitions, error occurrences and resolved alerts older than their retention. */
export async function pruneMonitoringData(
  dataSource: DataSource,
  retention: RetentionSettings,
): Promise<void> {
  const days = (count: number): Date => new Date(Date.now() - count * 86_400_000);
  await dataSource.query(`DELETE FROM monitoring_metric_sample WHERE minute < $1`, [
    days(retention.metricsDays),
  ]);
  await dataSource.query(`DELETE FROM monitoring_health_minute WHERE minute < $1`, [
    days(retention.historyDays),
  ]);
  await dataSource.query(`DELETE FROM monitoring_health_transition WHERE at < $1`, [
    days(retention.historyDays),
  ]);
  await dataSource.query(`DELETE FROM monitoring_error_event WHERE occurred_at < $1`, [
    days(retention.errorsDays),
  ]);
  await dataSource.query(
    `DELETE FROM monitoring_error_group g WHERE last_seen_at < $1
       AND NOT EXISTS (SELECT 1 FROM monitoring_error_event e WHERE e.group_id = g.id)`,
    [days(retention.errorsDays)],
  );
  await dataSource.query(`DELETE FROM monitoring_alert WHERE status = 'RESOLVED' AND resolved_at < $1`, [
    days(retention.historyDays),
  ]);
}
