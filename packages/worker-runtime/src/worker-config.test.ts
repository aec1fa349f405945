import { describe, expect, it } from 'vitest';
import { ConfigError } from '@holovitals/config';
import { loadWorkerConfig } from './worker-config';

describe('worker config', () => {
  it('applies defaults', () => {
    expect(loadWorkerConfig('w', {}, {})).toMatchObject({
      QUEUE_PREFIX: 'hv-queue',
      REDIS_URL: 'redis://127.0.0.1:6379',
      WORKER_DRAIN_TIMEOUT_MS: 30_000,
    });
  });

  it('stops with a message that names each bad variable', () => {
    const bad = { QUEUE_PREFIX: 'a:b', WORKER_LOCK_DURATION_MS: '10', REDIS_URL: 'nope' };
    expect(() => loadWorkerConfig('w', {}, bad)).toThrow(ConfigError);
    try {
      loadWorkerConfig('w', {}, bad);
    } catch (error) {
      for (const name of Object.keys(bad)) expect((error as Error).message).toContain(`${name}:`);
    }
  });
});
