import type { DataSource } from 'typeorm';
import type { AlertRuleEntity } from '../entities/alert-rule.entity';
import { errorRates, increasesBetween, operationLatencies, seriesAt } from '../metrics/metric-queries';
import { AlertRuleKind, HealthStatus } from '../monitoring-vocabulary';
import type { FiringCondition } from './alert-firing';

/** Metrics older than this are stale: a process that stopped reporting is SERVICE_DOWN's business. */
const FRESH_MS = 5 * 60_000;

const forService = (rule: AlertRuleEntity, service: string): boolean =>
  rule.service === null || rule.service === service;

/**
 * Which subjects meet a polled rule's condition now. SECURITY_ALERT and RIGHTS_REQUEST_DEADLINE rules fire from
 * compliance's events instead, so they have no polled condition (null: leave their alerts alone).
 */
export async function firingConditions(
  dataSource: DataSource,
  rule: AlertRuleEntity,
  now: Date,
): Promise<FiringCondition[] | null> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  switch (rule.kind) {
    case AlertRuleKind.SERVICE_DOWN: {
      const rows = (await dataSource.query(
        `SELECT id, detail, changed_at FROM monitoring_service_health WHERE status = $1 AND changed_at <= $2`,
        [HealthStatus.DOWN, windowStart],
      )) as Array<{ id: string; detail: string | null; changed_at: Date }>;
      return rows
        .filter((row) => forService(rule, row.id))
        .map((row) => ({
          subject: row.id,
          summary: `${row.id} is DOWN since ${new Date(row.changed_at).toISOString()}: ${row.detail ?? 'no detail'}`,
        }));
    }
    case AlertRuleKind.ERROR_RATE:
      return (await errorRates(dataSource, windowStart, now))
        .filter(
          (rate) =>
            forService(rule, rate.service) && rate.total > 0 && rate.errors / rate.total > rule.threshold,
        )
        .map((rate) => ({
          subject: rate.service,
          summary: `${rate.service}: ${rate.errors} of ${rate.total} operations failed in ${rule.windowSeconds} s (${((rate.errors / rate.total) * 100).toFixed(1)} %, limit ${(rule.threshold * 100).toFixed(1)} %)`,
        }));
    case AlertRuleKind.P95_LATENCY:
      return (await operationLatencies(dataSource, windowStart, now))
        .filter((latency) => forService(rule, latency.service) && (latency.p95Ms ?? 0) > rule.threshold)
        .map((latency) => ({
          subject: `${latency.service}/${latency.operation}`,
          summary: `${latency.service} ${latency.operation}: p95 ${latency.p95Ms} ms over ${rule.windowSeconds} s (limit ${rule.threshold} ms, ${latency.count} operations)`,
        }));
    case AlertRuleKind.QUEUE_BACKLOG:
      return (await seriesAt(dataSource, 'queue_jobs', now, new Date(now.getTime() - FRESH_MS)))
        .filter(
          (series) =>
            series.labels.state === 'waiting' &&
            forService(rule, series.service) &&
            (rule.subject === null || series.labels.queue === rule.subject) &&
            series.value > rule.threshold,
        )
        .map((series) => ({
          subject: `${series.service}/${series.labels.queue ?? 'unknown'}`,
          summary: `${series.service}: ${series.value} jobs waiting in ${series.labels.queue ?? 'a queue'} (limit ${rule.threshold})`,
        }));
    case AlertRuleKind.METRIC_THRESHOLD:
      if (!rule.subject) return [];
      return (await seriesAt(dataSource, rule.subject, now, new Date(now.getTime() - FRESH_MS)))
        .filter((series) => forService(rule, series.service) && series.value > rule.threshold)
        .map((series) => ({
          subject: `${series.service}/${rule.subject}{${series.labelsKey}}`,
          summary: `${series.service}: ${rule.subject} is ${series.value} (limit ${rule.threshold})`,
        }));
    case AlertRuleKind.ERROR_REPORTS: {
      const rows = (await dataSource.query(
        `SELECT g.service, count(*)::int AS errors
           FROM monitoring_error_event e JOIN monitoring_error_group g ON g.id = e.group_id
          WHERE e.occurred_at > $1 GROUP BY g.service`,
        [windowStart],
      )) as Array<{ service: string; errors: number }>;
      return rows
        .filter((row) => forService(rule, row.service) && row.errors > rule.threshold)
        .map((row) => ({
          subject: row.service,
          summary: `${row.service}: ${row.errors} errors reported in ${rule.windowSeconds} s (limit ${rule.threshold})`,
        }));
    }
    case AlertRuleKind.EVENT_LAG:
      return (
        await seriesAt(dataSource, 'events_consumer_lag_seconds', now, new Date(now.getTime() - FRESH_MS))
      )
        .filter(
          (series) =>
            forService(rule, series.service) &&
            (rule.subject === null || series.labels.type === rule.subject) &&
            series.value > rule.threshold,
        )
        .map((series) => ({
          subject: `${series.service}/${series.labels.type ?? 'unknown'}`,
          summary: `${series.service} is ${Math.round(series.value)} s behind on ${series.labels.type ?? 'its events'} (limit ${rule.threshold} s)`,
        }));
    case AlertRuleKind.DATABASE_ERRORS:
      return (await increasesBetween(dataSource, 'database_errors_total', windowStart, now))
        .filter((series) => forService(rule, series.service) && series.value > rule.threshold)
        .map((series) => ({
          subject: series.service,
          summary: `${series.service}: ${series.value} SQL statements failed in ${rule.windowSeconds} s (limit ${rule.threshold})`,
        }));
    case AlertRuleKind.CREDENTIAL_EXPIRY:
      return (
        await seriesAt(dataSource, 'credential_expires_in_seconds', now, new Date(now.getTime() - FRESH_MS))
      )
        .filter((series) => forService(rule, series.service) && series.value < rule.threshold)
        .map((series) => ({
          subject: `${series.service}/${series.labels.credential ?? 'unknown'}`,
          summary:
            series.value < 0
              ? `${series.service}: ${series.labels.credential ?? 'a credential'} is ${Math.round(-series.value / 3600)} h overdue for replacement`
              : `${series.service}: ${series.labels.credential ?? 'a credential'} must be replaced within ${Math.round(series.value / 3600)} h (limit ${Math.round(rule.threshold / 3600)} h)`,
        }));
    case AlertRuleKind.SECURITY_ALERT:
    case AlertRuleKind.RIGHTS_REQUEST_DEADLINE:
      return null;
  }
}
