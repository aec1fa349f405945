import { type EventLogger } from './event-logger';
import { StoppableDelay } from './stoppable-delay';

/** What one pass of a polling loop reports: `more` when work is probably waiting, so the next pass starts at once. */
export type PollResult = 'more' | 'idle';

export interface PollingLoopOptions {
  /** Names the loop in failure logs. */
  name: string;
  logger: EventLogger;
  /** One pass: relay a batch, read a batch, trim the streams... */
  poll: () => Promise<PollResult>;
  /** Pause after an idle pass. A pass that blocks on Redis itself (XREADGROUP BLOCK) passes 0. */
  idleDelayMs: number;
  /** First pause after a failure; doubles with each consecutive failure up to `maxErrorBackoffMs`. */
  errorBackoffMs?: number;
  maxErrorBackoffMs?: number;
}

const DEFAULT_ERROR_BACKOFF_MS = 250;
const DEFAULT_MAX_ERROR_BACKOFF_MS = 30_000;

/**
 * The one start/stop/backoff loop behind the outbox relay, the event consumer and stream retention: runs
 * `poll` until stopped, sleeps when idle, backs off exponentially while a pass keeps failing (Redis or
 * PostgreSQL down) and logs each failure. `stop()` interrupts a pause and waits for the pass in flight.
 */
export class PollingLoop {
  private readonly delay = new StoppableDelay();
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: PollingLoopOptions) {}

  get running(): boolean {
    return this.loop !== undefined;
  }

  start(): void {
    if (this.loop) {
      return;
    }
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.delay.interrupt();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    const { name, logger, poll, idleDelayMs } = this.options;
    const errorBackoffMs = this.options.errorBackoffMs ?? DEFAULT_ERROR_BACKOFF_MS;
    const maxErrorBackoffMs = this.options.maxErrorBackoffMs ?? DEFAULT_MAX_ERROR_BACKOFF_MS;
    let consecutiveFailures = 0;
    while (!this.stopping) {
      try {
        const result = await poll();
        consecutiveFailures = 0;
        if (result === 'idle' && idleDelayMs > 0 && !this.stopping) {
          await this.delay.wait(idleDelayMs);
        }
      } catch (error) {
        consecutiveFailures += 1;
        logger.error({ err: error, loop: name, consecutiveFailures }, `${name} failed`);
        if (!this.stopping) {
          await this.delay.wait(Math.min(errorBackoffMs * 2 ** consecutiveFailures, maxErrorBackoffMs));
        }
      }
    }
  }
}
