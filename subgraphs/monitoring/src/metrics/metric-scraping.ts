import type { DataSource } from 'typeorm';
import type { MonitoringTarget } from '../health/monitoring-targets';
import { labelsKey, parsePrometheusText, type ParsedSample } from './prometheus-text';

export interface ScrapeOptions {
  /** Metric name prefixes worth keeping (request, error, latency, queue, cache metrics); the rest is dropped. */
  keepPrefixes: readonly string[];
  timeoutMs: number;
  /** Sent as a bearer token where the metrics listeners require one (METRICS_TOKEN). */
  token: string | null;
}

export interface ScrapeOutcome {
  service: string;
  samples: number;
  error: string | null;
}

async function fetchMetrics(url: string, options: ScrapeOptions): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(options.timeoutMs),
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  return response.text();
}

/** One multi-row upsert per process: the minute's row keeps the latest value of each series. */
async function storeSamples(
  dataSource: DataSource,
  service: string,
  at: Date,
  samples: ParsedSample[],
): Promise<void> {
  const chunk = 500;
  for (let start = 0; start < samples.length; start += chunk) {
    const rows = samples.slice(start, start + chunk);
    const params: unknown[] = [service, at];
    const values = rows.map((sample) => {
      params.push(sample.name, labelsKey(sample.labels), JSON.stringify(sample.labels), sample.value);
      const base = params.length - 4;
      return `($1, $${base + 1}, $${base + 2}, date_trunc('minute', $2::timestamptz), $${base + 3}::jsonb, $${base + 4})`;
    });
    await dataSource.query(
      `INSERT INTO monitoring_metric_sample (service, name, labels_key, minute, labels, value)
       VALUES ${values.join(', ')}
       ON CONFLICT (service, name, labels_key, minute) DO UPDATE SET value = EXCLUDED.value`,
      params,
    );
  }
}

/** Scrapes every target's `/metrics` at once and stores the kept series in this minute's rollup. */
export async function scrapeMetrics(
  dataSource: DataSource,
  targets: readonly MonitoringTarget[],
  options: ScrapeOptions,
  at: Date = new Date(),
): Promise<ScrapeOutcome[]> {
  const keep = (name: string): boolean => options.keepPrefixes.some((prefix) => name.startsWith(prefix));
  return Promise.all(
    targets
      .filter((target) => target.metricsUrl !== null)
      .map(async (target): Promise<ScrapeOutcome> => {
        try {
          const samples = parsePrometheusText(await fetchMetrics(target.metricsUrl as string, options), keep)
            // Infinite values (an empty gauge) are not storable as rollups and say nothing.
            .filter((sample) => Number.isFinite(sample.value));
          await storeSamples(dataSource, target.name, at, samples);
          return { service: target.name, samples: samples.length, error: null };
        } catch (error) {
          return {
            service: target.name,
            samples: 0,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
  );
}
