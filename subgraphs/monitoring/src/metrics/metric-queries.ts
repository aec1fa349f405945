import type { DataSource } from 'typeorm';
import { histogramQuantile } from './histogram-quantile';

export interface SeriesValue {
  service: string;
  labelsKey: string;
  labels: Record<string, string>;
  value: number;
}

/** The latest value of each series of `name` at or before `at` (one row per series), none older than `notBefore`. */
export async function seriesAt(
  dataSource: DataSource,
  name: string,
  at: Date,
  notBefore: Date = new Date(0),
): Promise<SeriesValue[]> {
  const rows = (await dataSource.query(
    `SELECT DISTINCT ON (service, labels_key) service, labels_key, labels, value
       FROM monitoring_metric_sample
      WHERE name = $1 AND minute <= date_trunc('minute', $2::timestamptz)
        AND minute >= date_trunc('minute', $3::timestamptz)
      ORDER BY service, labels_key, minute DESC`,
    [name, at, notBefore],
  )) as Array<{ service: string; labels_key: string; labels: Record<string, string>; value: number }>;
  return rows.map((row) => ({
    service: row.service,
    labelsKey: row.labels_key,
    labels: row.labels,
    value: Number(row.value),
  }));
}

/**
 * What a counter (or histogram bucket) grew by between `from` and `to`, per series. A series that restarted (its
 * value fell) counts from zero; one that did not exist at `from` counts whole.
 */
export async function increasesBetween(
  dataSource: DataSource,
  name: string,
  from: Date,
  to: Date,
): Promise<SeriesValue[]> {
  const [start, end] = await Promise.all([seriesAt(dataSource, name, from), seriesAt(dataSource, name, to)]);
  const before = new Map(start.map((series) => [`${series.service}|${series.labelsKey}`, series.value]));
  return end.map((series) => {
    const earlier = before.get(`${series.service}|${series.labelsKey}`) ?? 0;
    return { ...series, value: series.value >= earlier ? series.value - earlier : series.value };
  });
}

export interface OperationLatency {
  service: string;
  operation: string;
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** p50/p95/p99 per service and operation from `graphql_operation_duration_seconds` between two times. */
export async function operationLatencies(
  dataSource: DataSource,
  from: Date,
  to: Date,
): Promise<OperationLatency[]> {
  const buckets = await increasesBetween(dataSource, 'graphql_operation_duration_seconds_bucket', from, to);
  const groups = new Map<
    string,
    { service: string; operation: string; buckets: Array<{ le: number; count: number }> }
  >();
  for (const bucket of buckets) {
    const operation = bucket.labels.operation ?? 'other';
    const key = `${bucket.service}|${operation}`;
    const group = groups.get(key) ?? { service: bucket.service, operation, buckets: [] };
    const le = bucket.labels.le === '+Inf' ? Infinity : Number(bucket.labels.le);
    // A process restarted inside the window may show the same bound twice; counts add up.
    const existing = group.buckets.find((candidate) => candidate.le === le);
    if (existing) existing.count += bucket.value;
    else group.buckets.push({ le, count: bucket.value });
    groups.set(key, group);
  }
  const toMs = (seconds: number | null): number | null =>
    seconds === null ? null : Math.round(seconds * 1000 * 10) / 10;
  return [...groups.values()]
    .map((group) => ({
      service: group.service,
      operation: group.operation,
      count: Math.round(group.buckets.find((bucket) => bucket.le === Infinity)?.count ?? 0),
      p50Ms: toMs(histogramQuantile(0.5, group.buckets)),
      p95Ms: toMs(histogramQuantile(0.95, group.buckets)),
      p99Ms: toMs(histogramQuantile(0.99, group.buckets)),
    }))
    .filter((latency) => latency.count > 0)
    .sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
}

/** Operations and those with errors per service between two times, from `graphql_operations_total`. */
export async function errorRates(
  dataSource: DataSource,
  from: Date,
  to: Date,
): Promise<Array<{ service: string; total: number; errors: number }>> {
  const counts = await increasesBetween(dataSource, 'graphql_operations_total', from, to);
  const byService = new Map<string, { service: string; total: number; errors: number }>();
  for (const series of counts) {
    const entry = byService.get(series.service) ?? { service: series.service, total: 0, errors: 0 };
    entry.total += series.value;
    if (series.labels.outcome === 'error') entry.errors += series.value;
    byService.set(series.service, entry);
  }
  return [...byService.values()];
}
