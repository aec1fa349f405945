import { histogramQuantile } from './histogram-quantile';
import { increasesPerWindow, labelOf, type MetricSeriesData, type Windows } from './metric-windows';

/** One process's values, one per window (null: nothing measured in it). */
export interface ServiceTrend {
  service: string;
  values: Array<number | null>;
}

const byName = (a: ServiceTrend, b: ServiceTrend): number => a.service.localeCompare(b.service);

/**
 * p95 GraphQL latency in ms per process and window, from `graphql_operation_duration_seconds_bucket`: each
 * bucket's increase in the window, summed over operations (cumulative buckets add up), then the quantile.
 */
export function p95LatencyTrends(buckets: readonly MetricSeriesData[], windows: Windows): ServiceTrend[] {
  const perService = new Map<string, Map<number, number[]>>();
  for (const series of buckets) {
    const bound = labelOf(series, 'le');
    const le = bound === '+Inf' ? Infinity : Number(bound);
    if (bound === '' || Number.isNaN(le)) continue;
    const bounds = perService.get(series.service) ?? new Map<number, number[]>();
    const counts = bounds.get(le) ?? windows.starts.map(() => 0);
    increasesPerWindow(series, windows).forEach((increase, index) => {
      counts[index] = (counts[index] ?? 0) + increase;
    });
    bounds.set(le, counts);
    perService.set(series.service, bounds);
  }
  return [...perService.entries()]
    .map(([service, bounds]) => ({
      service,
      values: windows.starts.map((_, index) => {
        const seconds = histogramQuantile(
          0.95,
          [...bounds.entries()].map(([le, counts]) => ({ le, count: counts[index] ?? 0 })),
        );
        return seconds === null ? null : Math.round(seconds * 10_000) / 10;
      }),
    }))
    .sort(byName);
}

/** Share (0 to 1) of GraphQL operations with errors per process and window, from `graphql_operations_total`. */
export function errorRateTrends(operations: readonly MetricSeriesData[], windows: Windows): ServiceTrend[] {
  const perService = new Map<string, { total: number[]; errors: number[] }>();
  for (const series of operations) {
    const counts = perService.get(series.service) ?? {
      total: windows.starts.map(() => 0),
      errors: windows.starts.map(() => 0),
    };
    const failed = labelOf(series, 'outcome') === 'error';
    increasesPerWindow(series, windows).forEach((increase, index) => {
      counts.total[index] = (counts.total[index] ?? 0) + increase;
      if (failed) counts.errors[index] = (counts.errors[index] ?? 0) + increase;
    });
    perService.set(series.service, counts);
  }
  return [...perService.entries()]
    .map(([service, counts]) => ({
      service,
      values: counts.total.map((total, index) => (total > 0 ? (counts.errors[index] ?? 0) / total : null)),
    }))
    .sort(byName);
}
