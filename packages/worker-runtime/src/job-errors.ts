/** Thrown into a job's signal when the producer cancelled it; the job is not retried. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
  constructor(jobId: string) {
    super(`Job ${jobId} was cancelled`);
  }
}

/** The try ran past the queue's `timeoutMs`; it is retried like any other failure. */
export class JobTimeoutError extends Error {
  override readonly name = 'JobTimeoutError';
  constructor(timeoutMs: number) {
    super(`Job timed out after ${timeoutMs} ms`);
  }
}

/** The worker is shutting down and the drain timeout passed; the job runs again on another worker. */
export class WorkerShutdownError extends Error {
  override readonly name = 'WorkerShutdownError';
  constructor() {
    super('Worker shut down before the job finished');
  }
}
