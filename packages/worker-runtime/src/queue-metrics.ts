import type Bull from 'bull';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Labels are queue names from the worker's definitions and fixed outcome words: never job data. */
export type JobOutcome = 'completed' | 'retrying' | 'dead_lettered' | 'cancelled' | 'timed_out' | 'aborted';

export interface QueueMetrics {
  registry: Registry;
  wait: Histogram<'queue'>;
  processing: Histogram<'queue' | 'outcome'>;
  processed: Counter<'queue' | 'outcome'>;
}

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

export function createQueueMetrics(
  worker: string,
  queues: () => Array<{ name: string; queue: Bull.Queue; deadLetter: Bull.Queue }>,
): QueueMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: worker });
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state (waiting is the queue depth; dead_letter counts kept failures).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const { name, queue, deadLetter } of queues()) {
        const counts = await queue.getJobCounts();
        for (const state of STATES)
          this.set({ queue: name, state }, counts[state as keyof typeof counts] ?? 0);
        this.set({ queue: name, state: 'dead_letter' }, await deadLetter.count());
      }
    },
  });
  const seconds = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800];
  return {
    registry,
    wait: new Histogram({
      name: 'queue_job_wait_seconds',
      help: 'Time from when a job could run (enqueue plus delay) until a worker started it.',
      labelNames: ['queue'],
      buckets: seconds,
      registers: [registry],
    }),
    processing: new Histogram({
      name: 'queue_job_processing_seconds',
      help: 'Time one try of a job ran, by outcome.',
      labelNames: ['queue', 'outcome'],
      buckets: seconds,
      registers: [registry],
    }),
    processed: new Counter({
      name: 'queue_jobs_processed_total',
      help: 'Tries of jobs finished, by outcome.',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
  };
}
