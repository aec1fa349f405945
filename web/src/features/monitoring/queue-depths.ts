import { labelOf, latestPerWindow, type MetricSeriesData, type Windows } from './metric-windows';

export interface QueueDepth {
  service: string;
  queue: string;
  waiting: number;
  failed: number;
  deadLetter: number;
}

/** The latest waiting, failed and dead-lettered counts per worker and queue, busiest first. */
export function queueDepths(series: readonly MetricSeriesData[]): QueueDepth[] {
  const depths = new Map<string, QueueDepth>();
  for (const one of series) {
    const queue = labelOf(one, 'queue');
    const state = labelOf(one, 'state');
    const latest = one.samples.at(-1)?.value ?? 0;
    const key = `${one.service}|${queue}`;
    const depth = depths.get(key) ?? { service: one.service, queue, waiting: 0, failed: 0, deadLetter: 0 };
    if (state === 'waiting') depth.waiting = latest;
    else if (state === 'failed') depth.failed = latest;
    else if (state === 'dead_letter') depth.deadLetter = latest;
    depths.set(key, depth);
  }
  return [...depths.values()].sort((a, b) => b.waiting - a.waiting || a.queue.localeCompare(b.queue));
}

/** Waiting jobs of one queue in each window (null: not scraped). */
export interface QueueTrend {
  service: string;
  queue: string;
  waiting: Array<number | null>;
}

/** The waiting count per worker and queue over the windows, from the `queue_jobs{state="waiting"}` gauge. */
export function queueWaitingTrends(series: readonly MetricSeriesData[], windows: Windows): QueueTrend[] {
  return series
    .filter((one) => labelOf(one, 'state') === 'waiting')
    .map((one) => ({
      service: one.service,
      queue: labelOf(one, 'queue'),
      waiting: latestPerWindow(one, windows),
    }))
    .sort((a, b) => a.queue.localeCompare(b.queue) || a.service.localeCompare(b.service));
}
