/** One `queue_jobs` series as the monitoring API returns it. */
export interface QueueSeries {
  service: string;
  labels: Array<{ name: string; value: string }>;
  samples: Array<{ minute: string; value: number }>;
}

export interface QueueDepth {
  service: string;
  queue: string;
  waiting: number;
  failed: number;
  deadLetter: number;
}

const label = (series: QueueSeries, name: string): string =>
  series.labels.find((candidate) => candidate.name === name)?.value ?? '';

/** The latest waiting, failed and dead-lettered counts per worker and queue, busiest first. */
export function queueDepths(series: readonly QueueSeries[]): QueueDepth[] {
  const depths = new Map<string, QueueDepth>();
  for (const one of series) {
    const queue = label(one, 'queue');
    const state = label(one, 'state');
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
