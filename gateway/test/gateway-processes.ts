import {
  createTestDatabase,
  freePort,
  startTestIssuer,
  testEventKeyEnv,
  type TestIssuer,
} from '@holovitals/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'rover.yaml'))) dir = dirname(dir);
  return dir;
}

function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(repoRoot(), entry)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForReady(child: ChildProcess, url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready`);
}

/** SIGTERM, then wait: the service drains, flushes its spans and exits. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface GatewayProcesses {
  gatewayUrl: string;
  gateway: ChildProcess;
  identity: ChildProcess;
  /** Stops both processes (gateway first); the database and issuer stay for the next start. */
  stop(): Promise<void>;
}

export interface ProcessFixtures {
  issuer: TestIssuer;
  databaseUrl: string;
  redisUrl: string;
  drop(): Promise<void>;
}

/** A token issuer and a database identity can be started over, any number of times. */
export async function createProcessFixtures(): Promise<ProcessFixtures> {
  const issuer = await startTestIssuer();
  const database = await createTestDatabase('identity');
  return {
    issuer,
    databaseUrl: database.url,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    drop: async () => {
      await database.drop();
      await issuer.stop();
    },
  };
}

/**
 * Identity and the gateway as production runs them: their `dist/main.js`, which load
 * `@holovitals/telemetry/register` first; `env` goes to both (the OTEL_* settings, say).
 */
export async function startGatewayProcesses(
  fixtures: ProcessFixtures,
  env: Record<string, string>,
): Promise<GatewayProcesses> {
  const gatewaySecret = randomBytes(24).toString('hex');
  const [identityPort, gatewayPort] = [await freePort(), await freePort()];
  const identity = startProcess('subgraphs/identity/dist/main.js', {
    ...env,
    PORT: String(identityPort),
    DATABASE_URL: fixtures.databaseUrl,
    REDIS_URL: fixtures.redisUrl,
    JWKS_URL: fixtures.issuer.jwksUrl,
    GATEWAY_SECRET: gatewaySecret,
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    ...testEventKeyEnv('identity'),
    EVENT_STREAM_PREFIX: `hv:test:events:${randomBytes(4).toString('hex')}:`,
  });
  await waitForReady(identity, `http://127.0.0.1:${identityPort}/ready`);
  const gateway = startProcess('gateway/dist/main.js', {
    ...env,
    PORT: String(gatewayPort),
    SUPERGRAPH_PATH: join(repoRoot(), 'schema', 'supergraph.graphql'),
    SUBGRAPH_IDENTITY_URL: `http://127.0.0.1:${identityPort}/graphql`,
    GATEWAY_SECRET: gatewaySecret,
    JWKS_URL: fixtures.issuer.jwksUrl,
    REDIS_URL: fixtures.redisUrl,
  });
  await waitForReady(gateway, `http://127.0.0.1:${gatewayPort}/health`);
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    gateway,
    identity,
    stop: async () => {
      await stopProcess(gateway);
      await stopProcess(identity);
    },
  };
}
