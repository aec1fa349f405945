import { describe, expect, it } from 'vitest';
import { type EventLogger } from './event-logger';
import { PollingLoop } from './polling-loop';

function recordingLogger(errors: unknown[]): EventLogger {
  return {
    info: () => undefined,
    warn: () => undefined,
    debug: () => undefined,
    error: (entry) => {
      errors.push(entry);
    },
  };
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollingLoop', () => {
  it('polls again at once while there is more work, pauses when idle, and stops during a pause', async () => {
    const results: Array<'more' | 'idle'> = ['more', 'more', 'idle'];
    let polls = 0;
    const loop = new PollingLoop({
      name: 'test',
      logger: recordingLogger([]),
      idleDelayMs: 60_000,
      poll: async () => results[polls++] ?? 'idle',
    });
    loop.start();
    await tick(50);
    const started = Date.now();
    await loop.stop();

    expect(polls).toBe(3);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(loop.running).toBe(false);
  });

  it('logs each failure and backs off exponentially, then recovers', async () => {
    const errors: unknown[] = [];
    const pollTimes: number[] = [];
    const loop = new PollingLoop({
      name: 'test',
      logger: recordingLogger(errors),
      idleDelayMs: 60_000,
      errorBackoffMs: 10,
      poll: async () => {
        pollTimes.push(Date.now());
        if (pollTimes.length <= 3) throw new Error('redis down');
        return 'idle';
      },
    });
    loop.start();
    for (let attempt = 0; attempt < 100 && pollTimes.length < 4; attempt += 1) await tick(10);
    await loop.stop();

    expect(pollTimes).toHaveLength(4);
    expect(errors).toHaveLength(3);
    expect(errors[2]).toMatchObject({ loop: 'test', consecutiveFailures: 3 });
    // Pauses of 20, 40 and 80 ms after the first, second and third failures.
    expect((pollTimes[3] as number) - (pollTimes[2] as number)).toBeGreaterThanOrEqual(75);
    expect((pollTimes[2] as number) - (pollTimes[1] as number)).toBeGreaterThanOrEqual(35);
  });
});
