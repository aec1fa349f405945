import { identitySubgraph } from '@holovitals/identity/dist/subgraph';
import {
  freePort,
  startTestIssuer,
  startTestSubgraph,
  type TestIssuer,
  type TestSubgraph,
} from '@holovitals/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'rover.yaml'))) dir = dirname(dir);
  return dir;
}

// The gateway runs as its own process so its resident memory is its own, not the test runner's.
let issuer: TestIssuer;
let identity: TestSubgraph;
let gateway: ChildProcess;
let gatewayUrl: string;
let metricsUrl: string;
// A principal of its own, so this file's thousand requests spend no other test's per-address budget.
let token: string;

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (gateway.exitCode !== null) throw new Error(`gateway exited with ${gateway.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gateway did not become healthy');
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  identity = await startTestSubgraph(identitySubgraph, {
    issuer,
    env: { KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex') },
  });
  const [port, metricsPort] = [await freePort(), await freePort()];
  const root = repoRoot();
  gateway = spawn(process.execPath, [join(root, 'gateway', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'silent',
      SUPERGRAPH_PATH: join(root, 'schema', 'supergraph.graphql'),
      SUBGRAPH_IDENTITY_URL: identity.url,
      GATEWAY_SECRET: identity.gatewaySecret,
      JWKS_URL: issuer.jwksUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      RATE_LIMIT_POINTS: '100000',
    },
    stdio: 'ignore',
  });
  token = await issuer.token({ sub: randomUUID() });
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  await waitForHealth(`http://127.0.0.1:${port}/health`);
});

afterAll(async () => {
  if (gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  await identity.stop();
  await issuer.stop();
});

/** 500 operations, each with a name never seen before; every tenth name is 100 kB long. */
async function sendDistinctOperations(batch: string): Promise<void> {
  const indexes = Array.from({ length: 500 }, (_, index) => index);
  // Ten clients at a time: the point is many names, not a long wait.
  const lanes = Array.from({ length: 10 }, (_, lane) => indexes.filter((index) => index % 10 === lane));
  await Promise.all(lanes.map((lane) => sendSequentially(batch, lane)));
}

async function sendSequentially(batch: string, indexes: number[]): Promise<void> {
  for (const index of indexes) {
    const name = index % 10 === 3 ? `Long${batch}${index}${'x'.repeat(100_000)}` : `Op${batch}${index}`;
    // `me` is resolved by identity, so the name also travels to a subgraph in the gateway's fetch.
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query ${name} { me { id } }`, operationName: name }),
    });
    await response.arrayBuffer();
    expect(response.status).toBeLessThan(500);
  }
}

interface Scrape {
  bytes: number;
  series: number;
  operations: number;
  rssBytes: number;
}

function summarize(text: string, metric: string): Omit<Scrape, 'rssBytes'> {
  const lines = text.split('\n').filter((line) => line.startsWith(`${metric}{`));
  const operations = new Set(lines.map((line) => /operation="([^"]*)"/.exec(line)?.[1]));
  return { bytes: Buffer.byteLength(text), series: lines.length, operations: operations.size };
}

async function scrapeGateway(): Promise<Scrape> {
  const text = await (await fetch(metricsUrl)).text();
  const rss = /^process_resident_memory_bytes(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1];
  return { ...summarize(text, 'gateway_requests_total'), rssBytes: Number(rss) };
}

describe('gateway: metrics stay bounded under client-chosen operation names', () => {
  it('keeps series count, /metrics size and RSS flat over 1,000 distinct names, some 100 kB long', async () => {
    await sendDistinctOperations('A');
    const first = await scrapeGateway();
    await sendDistinctOperations('B');
    const second = await scrapeGateway();

    // 100 first-seen names (METRICS_MAX_OPERATIONS) + `other`, each with at most two outcomes.
    expect(first.operations).toBeLessThanOrEqual(101);
    expect(second.series).toBe(first.series);
    expect(second.operations).toBe(first.operations);
    expect(second.bytes).toBeLessThan(first.bytes * 1.05);
    expect(second.bytes).toBeLessThan(256 * 1024);
    expect(second.rssBytes - first.rssBytes).toBeLessThan(48 * 1_048_576);

    const identityText = await (await fetch(identity.metricsUrl)).text();
    const identitySeries = summarize(identityText, 'graphql_operations_total');
    expect(identitySeries.operations).toBeLessThanOrEqual(102);
    expect(identitySeries.bytes).toBeLessThan(256 * 1024);
  }, 240_000);

  it('does not serve /metrics on the public port', async () => {
    expect((await fetch(gatewayUrl.replace('/graphql', '/metrics'))).status).toBe(404);
  });
});
