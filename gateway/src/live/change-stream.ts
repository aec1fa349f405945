import type { ChangeMessage } from '@holovitals/live-changes';
import type { ExecutionResult } from 'graphql';
import { PendingChanges } from './pending-changes';

/** graphql-ws close code for a slow consumer (4400–4499 are the protocol's; other 4xxx are the application's). */
export const SLOW_CONSUMER_CLOSE_CODE = 4508;

/** What `resolve` answers for a change its subscriber is not sent (the entity of a topic event is gone). */
export const SKIP_CHANGE = Symbol('skip change');

export interface BackpressureLimits {
  /** Unsent bytes on the socket after which its reader is a slow consumer. */
  maxBufferedBytes: number;
  /** How long one event may wait for the socket to take it while newer changes arrive. */
  slowConsumerMs: number;
  /** Distinct entities waiting for one subscriber. */
  maxPendingKeys: number;
}

/**
 * One subscriber's events, as the async iterator graphql-ws reads: changes from Redis wait (merged per entity)
 * until the previous event was written to the socket, then each is resolved with the subscriber's token.
 * `return()` ends it at once, even while it waits for a change, so completing or closing frees the listener
 * and the slot immediately. A reader that falls behind is closed with SLOW_CONSUMER_CLOSE_CODE.
 */
export class ChangeStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly pending: PendingChanges;
  private wake: (() => void) | null = null;
  private finished = false;
  /** When the last event was handed to graphql-ws; null while the stream is resolving or waiting for changes. */
  private handedOutAt: number | null = null;
  private readonly ended: Array<() => void> = [];

  constructor(
    private readonly options: {
      limits: BackpressureLimits;
      socket: { bufferedAmount: number };
      /**
       * The event for a change; SKIP_CHANGE when there is none to send; null when the socket was closed meanwhile;
       * throws to end the subscription with an error.
       */
      resolve: (message: ChangeMessage) => Promise<ExecutionResult | null | typeof SKIP_CHANGE>;
      onSlowConsumer: () => void;
    },
  ) {
    this.pending = new PendingChanges(options.limits.maxPendingKeys);
  }

  /** Runs once when the stream ends, however it ends. */
  onEnd(callback: () => void): void {
    if (this.finished) callback();
    else this.ended.push(callback);
  }

  /** A change from Redis for this subscriber. */
  push(message: ChangeMessage): void {
    if (this.finished) return;
    const { limits, socket } = this.options;
    const stalled = this.handedOutAt !== null && Date.now() - this.handedOutAt > limits.slowConsumerMs;
    if (stalled || socket.bufferedAmount > limits.maxBufferedBytes || !this.pending.add(message)) {
      this.finish();
      this.options.onSlowConsumer();
      return;
    }
    this.wake?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    this.handedOutAt = null;
    for (;;) {
      if (this.finished) return { done: true, value: undefined };
      const message = this.pending.take();
      if (message === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      let resolved: ExecutionResult | null | typeof SKIP_CHANGE;
      try {
        resolved = await this.options.resolve(message);
      } catch (error) {
        this.finish();
        throw error;
      }
      if (this.finished || resolved === null) {
        this.finish();
        return { done: true, value: undefined };
      }
      if (resolved === SKIP_CHANGE) continue;
      this.handedOutAt = Date.now();
      return { done: false, value: resolved };
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.finish();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.wake?.();
    for (const callback of this.ended.splice(0)) callback();
  }
}
