import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { LOCAL_REDIS_URL } from '@holovitals/config';
import { Redis } from 'ioredis';
import type { StackConfig } from './stack-config';

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Uses REDIS_URL or Redis on localhost; else starts `redis-server` if installed; else says how to get one. */
export async function ensureRedis(
  config: Pick<StackConfig, 'REDIS_URL'>,
  log: (line: string) => void,
): Promise<RedisHandle> {
  const url = config.REDIS_URL ?? LOCAL_REDIS_URL;
  if (await answers(url)) return { url, stop: async () => undefined };
  if (config.REDIS_URL) throw new Error('REDIS_URL is set but no Redis answers at it.');
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not installed.\n' +
        'Install it (Debian/Ubuntu: `apt-get install -y redis-server`, macOS: `brew install redis`) or set REDIS_URL.',
    );
  }
  log('No Redis on 127.0.0.1:6379: starting redis-server.');
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let attempt = 0; attempt < 50 && !(await answers(url)); attempt += 1)
    await new Promise((r) => setTimeout(r, 100));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
