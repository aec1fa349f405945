export { JobCancelledError, JobTimeoutError, WorkerShutdownError } from './job-errors';
export { performOnce, workerMigrations, type OnceResult } from './job-effect';
export {
  deadLetterQueueName,
  defineQueue,
  jobPriorities,
  type DeadLetter,
  type JobPriority,
  type QueueDefinition,
} from './queue-definition';
export type { JobOutcome } from './queue-metrics';
export {
  processQueue,
  type JobContext,
  type QueueProcessor,
  type RegisteredProcessor,
} from './queue-processor';
export {
  InvalidJobPayloadError,
  QueueProducer,
  type CancelOutcome,
  type EnqueueOptions,
  type JobStatus,
} from './queue-producer';
export {
  defineWorker,
  type ErrorOutbox,
  runWorker,
  runWorkerProcess,
  type RunningWorker,
  type WorkerDefinition,
  type WorkerRuntime,
} from './run-worker';
export {
  loadWorkerConfig,
  queueProducerConfigShape,
  workerConfigShape,
  type WorkerConfig,
} from './worker-config';
