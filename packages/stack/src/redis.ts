import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { StackConfig } from './stack-config';

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

type Probe = 'ready' | 'needs-password' | 'down';

async function probe(url: string): Promise<Probe> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
    // Ping ourselves: ioredis's ready check would hide a NOAUTH reply behind "Connection is closed".
    enableReadyCheck: false,
  });
  // The outcome is the return value; without a listener ioredis would also print each failure.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG' ? 'ready' : 'down';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /NOAUTH|WRONGPASS|invalid password/i.test(message) ? 'needs-password' : 'down';
  } finally {
    client.disconnect();
  }
}

function localUrl(port: number, password?: string): string {
  return password
    ? `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`
    : `redis://127.0.0.1:${port}`;
}

/**
 * Uses REDIS_URL when set. Else Redis on localhost: one that needs no password (CI's, a developer's own)
 * as is, or the one an earlier run started with `password`. Else starts `redis-server` with `requirepass
 * password`, so the events, revocations and rate limits it holds are not open to every local process.
 */
export async function ensureRedis(
  config: Pick<StackConfig, 'REDIS_URL'>,
  password: string,
  log: (line: string) => void,
  /** Where to find or start the local Redis; tests pass a free port. */
  port = 6379,
): Promise<RedisHandle> {
  const unchanged = { stop: async () => undefined };
  if (config.REDIS_URL) {
    if ((await probe(config.REDIS_URL)) === 'ready') return { url: config.REDIS_URL, ...unchanged };
    throw new Error('REDIS_URL is set but no Redis answers at it (or it refuses its password).');
  }
  const open = await probe(localUrl(port));
  if (open === 'ready') {
    log(`Using the Redis on 127.0.0.1:${port}; it accepts clients without a password.`);
    return { url: localUrl(port), ...unchanged };
  }
  if (open === 'needs-password') {
    if ((await probe(localUrl(port, password))) === 'ready')
      return { url: localUrl(port, password), ...unchanged };
    throw new Error(
      `The Redis on 127.0.0.1:${port} requires a password other than the one in .data/dev-secrets.json.\n` +
        'Set REDIS_URL (redis://:PASSWORD@127.0.0.1:6379) or REDIS_PASSWORD.',
    );
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `No Redis answers on 127.0.0.1:${port} and redis-server is not installed.\n` +
        'Install it (Debian/Ubuntu: `apt-get install -y redis-server`, macOS: `brew install redis`) or set REDIS_URL.',
    );
  }
  log(`No Redis on 127.0.0.1:${port}: starting redis-server with the password from .data/dev-secrets.json.`);
  // The password goes in on stdin as a config line, not as an argument that `ps` would show to every user.
  const child: ChildProcess = spawn(
    'redis-server',
    ['-', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: ['pipe', 'ignore', 'ignore'] },
  );
  child.stdin?.end(`requirepass "${password}"\n`);
  const url = localUrl(port, password);
  let state = await probe(url);
  for (let attempt = 0; attempt < 50 && state !== 'ready'; attempt += 1) {
    await new Promise((r) => setTimeout(r, 100));
    state = await probe(url);
  }
  if (state !== 'ready') {
    child.kill('SIGTERM');
    throw new Error(`redis-server did not become ready on 127.0.0.1:${port}.`);
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
