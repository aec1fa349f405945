/** One series of a metric as the monitoring API returns it (minute by minute, oldest first). */
export interface MetricSeriesData {
  service: string;
  labels: ReadonlyArray<{ name: string; value: string }>;
  samples: ReadonlyArray<{ minute: string; value: number }>;
}

/** Consecutive windows of `stepMs` ending at `endMs` (exclusive); the charts plot one point per window. */
export interface Windows {
  starts: number[];
  stepMs: number;
}

export const STEP_MS = 5 * 60_000;
export const HOUR_MS = 60 * 60_000;

/**
 * The last hour in 5-minute windows, ending after the current minute, and the range to ask the API for: one
 * minute earlier than the first window, so the first minute's counter increase can be computed.
 */
export function lastHour(now: number): { windows: Windows; from: string; to: string } {
  const end = Math.floor(now / 60_000) * 60_000 + 60_000;
  const first = end - HOUR_MS;
  const starts = Array.from({ length: HOUR_MS / STEP_MS }, (_, index) => first + index * STEP_MS);
  return {
    windows: { starts, stepMs: STEP_MS },
    from: new Date(first - 60_000).toISOString(),
    to: new Date(end).toISOString(),
  };
}

export function labelOf(series: MetricSeriesData, name: string): string {
  return series.labels.find((candidate) => candidate.name === name)?.value ?? '';
}

function windowIndex(windows: Windows, time: number): number {
  const first = windows.starts[0];
  if (first === undefined || time < first) return -1;
  const index = Math.floor((time - first) / windows.stepMs);
  return index < windows.starts.length ? index : -1;
}

/**
 * What a cumulative counter (or histogram bucket) grew by in each window, from minute-to-minute differences. A value
 * that fell means the process restarted, so that minute counts from zero; a series first seen inside the windows
 * (the range asked for starts a minute earlier) did not exist before and counts whole, as `performance` counts it.
 */
export function increasesPerWindow(series: MetricSeriesData, windows: Windows): number[] {
  const increases = windows.starts.map(() => 0);
  series.samples.forEach((sample, position) => {
    const index = windowIndex(windows, Date.parse(sample.minute));
    if (index < 0) return;
    const previous = series.samples[position - 1]?.value ?? 0;
    const grown = sample.value - previous;
    increases[index] = (increases[index] ?? 0) + (grown >= 0 ? grown : sample.value);
  });
  return increases;
}

/** A gauge's last value in each window; null where it was not scraped. */
export function latestPerWindow(series: MetricSeriesData, windows: Windows): Array<number | null> {
  const latest: Array<number | null> = windows.starts.map(() => null);
  for (const sample of series.samples) {
    const index = windowIndex(windows, Date.parse(sample.minute));
    if (index >= 0) latest[index] = sample.value;
  }
  return latest;
}
