import {
  createTestDatabase,
  freePort,
  startTestIssuer,
  testEventKeyEnv,
  type TestDatabase,
  type TestIssuer,
} from '@holovitals/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'rover.yaml'))) dir = dirname(dir);
  return dir;
}

// Gateway and identity run as the processes production runs (their dist/main.js, which load
// @holovitals/telemetry/register first), exporting to a local OTLP receiver.
let receiver: OtlpReceiver;
let issuer: TestIssuer;
let database: TestDatabase;
let identity: ChildProcess;
let gateway: ChildProcess;
let gatewayUrl: string;

function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(repoRoot(), entry)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
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

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  issuer = await startTestIssuer();
  database = await createTestDatabase('identity');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const gatewaySecret = randomBytes(24).toString('hex');
  const [identityPort, gatewayPort] = [await freePort(), await freePort()];
  const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
  identity = startProcess('subgraphs/identity/dist/main.js', {
    ...otel,
    PORT: String(identityPort),
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    JWKS_URL: issuer.jwksUrl,
    GATEWAY_SECRET: gatewaySecret,
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    ...testEventKeyEnv('identity'),
    EVENT_STREAM_PREFIX: `hv:test:events:${randomBytes(4).toString('hex')}:`,
  });
  await waitForReady(identity, `http://127.0.0.1:${identityPort}/ready`);
  gateway = startProcess('gateway/dist/main.js', {
    ...otel,
    PORT: String(gatewayPort),
    SUPERGRAPH_PATH: join(repoRoot(), 'schema', 'supergraph.graphql'),
    SUBGRAPH_IDENTITY_URL: `http://127.0.0.1:${identityPort}/graphql`,
    GATEWAY_SECRET: gatewaySecret,
    JWKS_URL: issuer.jwksUrl,
    REDIS_URL: redisUrl,
  });
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  await waitForReady(gateway, `http://127.0.0.1:${gatewayPort}/health`);
}, 90_000);

afterAll(async () => {
  await stopProcess(gateway);
  await stopProcess(identity);
  await database?.drop();
  await issuer?.stop();
  await receiver?.stop();
});

/** The chain of spans from `span` up to the root of what the receiver holds. */
function ancestry(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((candidate) => [candidate.spanId, candidate]));
  const chain = [span];
  let current = span;
  while (current.parentSpanId && byId.has(current.parentSpanId)) {
    current = byId.get(current.parentSpanId) as ReceivedSpan;
    chain.push(current);
  }
  return chain;
}

describe('tracing across gateway, subgraph and database', () => {
  it('puts the gateway, identity and its SQL of one query in one trace, each span under its caller', async () => {
    // The caller's own trace context, so this request's spans can be told from the rest.
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const token = await issuer.token({ sub: randomUUID() });
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: 'query TracedMe { me { id email } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(response.status).toBe(200);
    expect(body).toHaveProperty('data');

    // Stopping flushes each process's batched spans (the services shut tracing down last).
    await stopProcess(gateway);
    await stopProcess(identity);
    const spans = receiver.spans.filter((span) => span.traceId === traceId);

    const gatewayServer = spans.find(
      (span) => span.service === 'gateway' && span.kind === SPAN_KIND_SERVER && span.scope.endsWith('-http'),
    );
    // The gateway's POST to identity (its GET is the JWKS fetch that verified the token).
    const gatewayFetch = spans.find(
      (span) =>
        span.service === 'gateway' &&
        span.kind === SPAN_KIND_CLIENT &&
        span.scope.endsWith('-undici') &&
        span.name === 'POST',
    );
    const identityServer = spans.find(
      (span) => span.service === 'identity' && span.kind === SPAN_KIND_SERVER && span.scope.endsWith('-http'),
    );
    const identitySql = spans.filter((span) => span.service === 'identity' && span.scope.endsWith('-pg'));
    expect(gatewayServer?.parentSpanId).toBe(callerSpanId);
    expect(gatewayFetch).toBeDefined();
    expect(identityServer?.parentSpanId).toBe(gatewayFetch?.spanId);
    expect(ancestry(gatewayFetch as ReceivedSpan, spans)).toContain(gatewayServer);
    expect(identitySql.length).toBeGreaterThan(0);
    for (const sql of identitySql) expect(ancestry(sql, spans)).toContain(identityServer);
  });
});
