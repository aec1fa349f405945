import { z } from 'zod';

/** What the next requests do instead of answering: for client tests of retry, timeout and repair. */
export const FAILURES = ['rate_limit', 'server_error', 'timeout', 'malformed_json', 'wrong_shape'] as const;
export type Failure = (typeof FAILURES)[number];

export const failurePlanSchema = z.object({ failures: z.array(z.enum(FAILURES)).max(100) });

/** A queue of failures consumed one per chat completion request, in order. */
export class FailurePlan {
  private readonly queue: Failure[] = [];

  inject(failures: readonly Failure[]): void {
    this.queue.push(...failures);
  }

  next(): Failure | undefined {
    return this.queue.shift();
  }

  clear(): void {
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.length;
  }
}
