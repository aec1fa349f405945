import type { DataSource } from 'typeorm';
import type { MetricSeries } from '../resolvers/types/metric-series.type';

/** Most samples one `metrics` call returns; a wide range of a busy metric is cut, newest series kept whole. */
export const MAX_SAMPLES = 20_000;

/** Every series of `name` (optionally of one process) between two minutes, grouped, oldest sample first. */
export async function metricSeries(
  dataSource: DataSource,
  name: string,
  from: Date,
  to: Date,
  service: string | null,
): Promise<MetricSeries[]> {
  const rows = (await dataSource.query(
    `SELECT service, labels_key, labels, minute, value FROM monitoring_metric_sample
      WHERE name = $1 AND minute >= date_trunc('minute', $2::timestamptz) AND minute <= $3
        AND ($4::text IS NULL OR service = $4)
      ORDER BY service, labels_key, minute LIMIT $5`,
    [name, from, to, service, MAX_SAMPLES],
  )) as Array<{
    service: string;
    labels_key: string;
    labels: Record<string, string>;
    minute: Date;
    value: number;
  }>;
  const series = new Map<string, MetricSeries>();
  for (const row of rows) {
    const key = `${row.service}|${row.labels_key}`;
    let entry = series.get(key);
    if (!entry) {
      entry = {
        service: row.service,
        labels: Object.keys(row.labels)
          .sort()
          .map((label) => ({ name: label, value: row.labels[label] as string })),
        samples: [],
      };
      series.set(key, entry);
    }
    entry.samples.push({ minute: row.minute, value: Number(row.value) });
  }
  return [...series.values()];
}
