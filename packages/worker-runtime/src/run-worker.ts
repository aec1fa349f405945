import { createErrorReporter, type ErrorReport, outboxErrorDelivery } from '@holovitals/events';
import { close, type ReadinessCheck, runServiceProcess, startMetricsServer } from '@holovitals/http-server';
import type Bull from 'bull';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { openBullQueue, openDeadLetterQueue, type QueueConnection } from './bull-queue';
import { startHealthServer } from './health-server';
import { JobCancelledError, JobTimeoutError, WorkerShutdownError } from './job-errors';
import { cancelChannel, cancelledMarkerKey, deadLetterQueueName, type DeadLetter } from './queue-definition';
import { createQueueMetrics, type JobOutcome, type QueueMetrics } from './queue-metrics';
import { withJobSpan } from './job-span';
import type { JobContext, RegisteredProcessor } from './queue-processor';
import { loadWorkerConfig, type WorkerConfig } from './worker-config';

export interface WorkerRuntime<Config> {
  config: WorkerConfig & Config;
  logger: Logger;
}

/** The outbox a worker's error reports go through, and the service they are signed as when its relay sends them. */
export interface ErrorOutbox {
  /** The subgraph the worker works for, e.g. `analysis` (its relay signs the events). */
  service: string;
  dataSource: DataSource;
}

export interface WorkerDefinition<Shape extends z.ZodRawShape = z.ZodRawShape, Services = unknown> {
  /** The service registry name, e.g. `documents-worker`. */
  name: string;
  /** Port of `/health`, `/ready` and `/metrics` unless PORT is set. */
  defaultPort: number;
  config?: Shape;
  services?: (runtime: WorkerRuntime<z.infer<z.ZodObject<Shape>>>) => Promise<Services> | Services;
  closeServices?: (services: Services) => Promise<void>;
  /**
   * Where jobs that fail their last try are reported to monitoring (`error.reported`, origin JOB); null only for a
   * worker without a database. Required so that no worker leaves it out by accident.
   */
  reportErrorsTo: ((services: Services) => ErrorOutbox) | null;
  /** Dependencies `/ready` checks besides Redis (e.g. the database). */
  readiness?: (services: Services) => Record<string, ReadinessCheck>;
  processors: (
    runtime: WorkerRuntime<z.infer<z.ZodObject<Shape>>>,
    services: Services,
  ) => RegisteredProcessor[];
}

export function defineWorker<Shape extends z.ZodRawShape, Services>(
  definition: WorkerDefinition<Shape, Services>,
): WorkerDefinition<Shape, Services> {
  return definition;
}

export interface RunningWorker {
  name: string;
  port: number;
  /** `/metrics` on its own listener (METRICS_HOST/METRICS_PORT), never the health port. */
  metricsUrl: string;
  /** Stops taking jobs, lets running ones finish (up to WORKER_DRAIN_TIMEOUT_MS), then closes. */
  stop(): Promise<void>;
}

interface OpenQueue {
  name: string;
  processor: RegisteredProcessor;
  queue: Bull.Queue;
  deadLetter: Bull.Queue;
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(signal.reason as Error);
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs every try of a job: payload check, cancellation, timeout, dead-letter after the last try. */
function createJobHandler(
  open: OpenQueue,
  deps: {
    connection: QueueConnection;
    markers: Redis;
    logger: Logger;
    metrics: QueueMetrics;
    report: ErrorReport | null;
  },
  running: Map<string, AbortController>,
): (job: Bull.Job) => Promise<unknown> {
  const { processor, name } = open;
  return (job) => withJobSpan(name, String(job.id), job.attemptsMade + 1, (traceId) => handle(job, traceId));

  async function handle(job: Bull.Job, traceId: string | null): Promise<unknown> {
    const jobId = String(job.id);
    const key = `${name}:${jobId}`;
    const controller = new AbortController();
    running.set(key, controller);
    const startedAt = Date.now();
    if (job.attemptsMade === 0) {
      const readyAt = job.timestamp + (job.opts.delay ?? 0);
      deps.metrics.wait.observe({ queue: name }, Math.max(0, startedAt - readyAt) / 1000);
    }
    const timer = setTimeout(
      () => controller.abort(new JobTimeoutError(processor.queue.timeoutMs)),
      processor.queue.timeoutMs,
    );
    let outcome: JobOutcome = 'completed';
    try {
      if (await deps.markers.exists(cancelledMarkerKey(deps.connection.prefix, name, jobId))) {
        throw new JobCancelledError(jobId);
      }
      const data = processor.queue.payload.parse(job.data);
      const context: JobContext<unknown> = {
        id: jobId,
        queue: name,
        data,
        attempt: job.attemptsMade + 1,
        signal: controller.signal,
        progress: (percent) => job.progress(Math.max(0, Math.min(100, percent))),
        logger: deps.logger.child({ queue: name, jobId, traceId }),
      };
      const result = await Promise.race([processor.process(context), abortion(controller.signal)]);
      // A processor that returns as soon as its signal fires has still been cancelled or timed out.
      if (controller.signal.aborted) throw controller.signal.reason;
      return result;
    } catch (thrown) {
      const error = controller.signal.aborted ? (controller.signal.reason as Error) : thrown;
      if (error instanceof JobCancelledError) {
        outcome = 'cancelled';
        await job.discard();
        throw error;
      }
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastTry) {
        outcome = 'dead_lettered';
        const letter: DeadLetter = {
          queue: name,
          jobId,
          data: job.data as unknown,
          failedReason: messageOf(error),
          attemptsMade: job.attemptsMade + 1,
          failedAt: new Date().toISOString(),
        };
        await open.deadLetter.add(letter, { jobId });
        // Once per job, at its final failure: a try that a retry recovers is counted (outcome) but not reported.
        deps.report?.({
          origin: 'JOB',
          error: error instanceof Error ? error : new Error(messageOf(error)),
          traceId,
          operation: name,
          path: null,
        });
      } else {
        outcome =
          error instanceof JobTimeoutError
            ? 'timed_out'
            : error instanceof WorkerShutdownError
              ? 'aborted'
              : 'retrying';
      }
      deps.logger.warn({ queue: name, jobId, outcome, err: messageOf(error) }, 'job try failed');
      throw error instanceof Error ? error : new Error(messageOf(error));
    } finally {
      clearTimeout(timer);
      running.delete(key);
      deps.metrics.processing.observe({ queue: name, outcome }, (Date.now() - startedAt) / 1000);
      deps.metrics.processed.inc({ queue: name, outcome });
    }
  }
}

/**
 * Starts one queue worker process: config, services, a bull processor per queue with its own
 * concurrency, cancellation over Redis pub/sub, and `/health` `/ready` `/metrics`.
 */
export async function runWorker<Shape extends z.ZodRawShape, Services>(
  definition: WorkerDefinition<Shape, Services>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningWorker> {
  const config = loadWorkerConfig(definition.name, definition.config ?? ({} as Shape), env);
  const logger = pino({ level: config.LOG_LEVEL, base: { service: definition.name } });
  const runtime: WorkerRuntime<z.infer<z.ZodObject<Shape>>> = { config, logger };
  const services = definition.services ? await definition.services(runtime) : (undefined as Services);
  const connection: QueueConnection = { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX };
  const stalled = {
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  };
  const queues: OpenQueue[] = definition.processors(runtime, services).map((processor) => ({
    name: processor.queue.name,
    processor,
    queue: openBullQueue(processor.queue, connection, stalled) as Bull.Queue,
    deadLetter: openDeadLetterQueue(deadLetterQueueName(processor.queue.name), connection),
  }));
  const metrics = createQueueMetrics(definition.name, () => queues);
  const outbox = definition.reportErrorsTo?.(services);
  const report = outbox
    ? createErrorReporter({
        deliver: outboxErrorDelivery(outbox.service, outbox.dataSource),
        logger,
        perMinute: config.ERROR_REPORTS_PER_MINUTE,
      })
    : null;
  const markers = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  const cancellations = new Redis(config.REDIS_URL);
  const running = new Map<string, AbortController>();

  const channels = new Map(queues.map((open) => [cancelChannel(connection.prefix, open.name), open.name]));
  await cancellations.subscribe(...channels.keys());
  cancellations.on('message', (channel: string, jobId: string) => {
    running.get(`${channels.get(channel)}:${jobId}`)?.abort(new JobCancelledError(jobId));
  });

  for (const open of queues) {
    open.queue.on('error', (error) =>
      logger.error({ queue: open.name, err: messageOf(error) }, 'queue error'),
    );
    open.queue.on('stalled', (job: Bull.Job) =>
      logger.warn({ queue: open.name, jobId: String(job.id) }, 'stalled job put back to run again'),
    );
    void open.queue.process(
      open.processor.concurrency ?? 1,
      createJobHandler(open, { connection, markers, logger, metrics, report }, running),
    );
    const repeat = open.processor.repeat;
    if (repeat) {
      const data: unknown = open.processor.queue.payload.parse(repeat.data);
      await open.queue.add(data, { repeat: { every: repeat.everyMs }, jobId: `${open.name}:schedule` });
    }
  }

  let draining = false;
  const health = await startHealthServer(
    definition.name,
    {
      redis: async () => (await markers.ping()) === 'PONG',
      accepting: () => Promise.resolve(!draining),
      ...definition.readiness?.(services),
    },
    config.HOST,
    config.PORT ?? definition.defaultPort,
  );
  const metricsServer = await startMetricsServer(metrics.registry, config);
  logger.info(
    { port: health.port, metrics: metricsServer.url, queues: queues.map((open) => open.name) },
    `${definition.name} ready`,
  );

  let stopping: Promise<void> | null = null;
  return {
    name: definition.name,
    port: health.port,
    metricsUrl: metricsServer.url,
    stop: () =>
      (stopping ??= (async () => {
        draining = true;
        // A local pause takes no new job and resolves when the running ones have finished.
        const drained = Promise.all(queues.map((open) => open.queue.pause(true))).then(() => true);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), config.WORKER_DRAIN_TIMEOUT_MS);
        });
        if (!(await Promise.race([drained, timedOut]))) {
          // Running jobs see their signal abort and fail with WorkerShutdownError; the queue retries them.
          logger.warn({ running: running.size }, 'drain timeout passed; abandoning running jobs');
          for (const controller of running.values()) controller.abort(new WorkerShutdownError());
        }
        clearTimeout(timer);
        await Promise.all(queues.map((open) => open.queue.close(true)));
        await Promise.all(queues.map((open) => open.deadLetter.close()));
        cancellations.disconnect();
        markers.disconnect();
        await close(health.server);
        await metricsServer.stop();
        if (definition.closeServices) await definition.closeServices(services);
      })()),
  };
}

/** For a worker's entry point (`src/worker.ts`): run it until SIGTERM/SIGINT, draining running jobs. */
export function runWorkerProcess<Shape extends z.ZodRawShape, Services>(
  definition: WorkerDefinition<Shape, Services>,
): void {
  runServiceProcess(definition.name, () => runWorker(definition));
}
