import type { DataSource } from 'typeorm';
import { HealthStatus } from '../monitoring-vocabulary';
import type { HealthCheckResult } from './health-check';
import type { MonitoringTarget } from './monitoring-targets';

export interface HealthTransition {
  service: string;
  from: HealthStatus;
  to: HealthStatus;
  detail: string | null;
  at: Date;
}

/**
 * Stores one round of checks in one transaction: each process's current status, a transition row where the status
 * changed, and the per-minute rollup (checks, failures, latency). Returns the transitions, for live updates.
 */
export async function recordHealthChecks(
  dataSource: DataSource,
  targets: readonly MonitoringTarget[],
  results: readonly HealthCheckResult[],
): Promise<HealthTransition[]> {
  const byName = new Map(targets.map((target) => [target.name, target]));
  return dataSource.transaction(async (manager) => {
    const previous = new Map<string, HealthStatus>(
      (
        (await manager.query(`SELECT id, status FROM monitoring_service_health FOR UPDATE`)) as Array<{
          id: string;
          status: HealthStatus;
        }>
      ).map((row) => [row.id, row.status]),
    );
    const transitions: HealthTransition[] = [];
    for (const result of results) {
      const target = byName.get(result.name);
      if (!target) continue;
      const before = previous.get(result.name) ?? HealthStatus.UNKNOWN;
      const failed = result.status === HealthStatus.DOWN ? 1 : 0;
      await manager.query(
        `INSERT INTO monitoring_service_health
           (id, kind, health_url, status, latency_ms, detail, consecutive_failures, checked_at, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::int, $8, $8)
         ON CONFLICT (id) DO UPDATE SET
           kind = EXCLUDED.kind, health_url = EXCLUDED.health_url, status = EXCLUDED.status,
           latency_ms = EXCLUDED.latency_ms, detail = EXCLUDED.detail, checked_at = EXCLUDED.checked_at,
           consecutive_failures = CASE WHEN $7::int = 1 THEN monitoring_service_health.consecutive_failures + 1 ELSE 0 END,
           changed_at = CASE WHEN monitoring_service_health.status = EXCLUDED.status
                             THEN monitoring_service_health.changed_at ELSE EXCLUDED.changed_at END`,
        [
          result.name,
          target.kind,
          target.healthUrl,
          result.status,
          result.latencyMs,
          result.detail,
          failed,
          result.at,
        ],
      );
      await manager.query(
        `INSERT INTO monitoring_health_minute (service, minute, checks, failures, latency_ms_sum, latency_ms_max)
         VALUES ($1, date_trunc('minute', $2::timestamptz), 1, $3::int, $4::int, $4::int)
         ON CONFLICT (service, minute) DO UPDATE SET
           checks = monitoring_health_minute.checks + 1,
           failures = monitoring_health_minute.failures + EXCLUDED.failures,
           latency_ms_sum = monitoring_health_minute.latency_ms_sum + EXCLUDED.latency_ms_sum,
           latency_ms_max = GREATEST(monitoring_health_minute.latency_ms_max, EXCLUDED.latency_ms_max)`,
        [result.name, result.at, failed, result.latencyMs],
      );
      if (before !== result.status) {
        const transition = {
          service: result.name,
          from: before,
          to: result.status,
          detail: result.detail,
          at: result.at,
        };
        await manager.query(
          `INSERT INTO monitoring_health_transition (service, from_status, to_status, detail, at) VALUES ($1, $2, $3, $4, $5)`,
          [transition.service, transition.from, transition.to, transition.detail, transition.at],
        );
        transitions.push(transition);
      }
    }
    return transitions;
  });
}
