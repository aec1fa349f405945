import { defineQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** The repeatable health round (checks, alert rules, notifications), every HEALTH_POLL_EVERY_MS. */
export const healthRoundQueue = defineQueue({
  name: 'monitoring.health-round',
  payload: z.object({}),
  attempts: 1,
  backoffMs: 1_000,
  timeoutMs: 30_000,
  keepCompletedSeconds: 60,
});

/** The repeatable metrics scrape and retention pass, every METRICS_SCRAPE_EVERY_MS. */
export const metricsScrapeQueue = defineQueue({
  name: 'monitoring.metrics-scrape',
  payload: z.object({}),
  attempts: 1,
  backoffMs: 1_000,
  timeoutMs: 60_000,
  keepCompletedSeconds: 300,
});
