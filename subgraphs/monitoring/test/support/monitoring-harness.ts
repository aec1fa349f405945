import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { runWorker, type RunningWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSignature } from '../../src/alerts/alert-notifications';
import type { MonitoringTarget } from '../../src/health/monitoring-targets';
import { monitoringWorker } from '../../src/monitoring-worker';
import { monitoringSubgraph } from '../../src/subgraph';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef';

export interface MonitoringHarness {
  issuer: TestIssuer;
  sg: TestSubgraph;
  redisUrl: string;
  adminToken: string;
  patientToken: string;
  admin<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  startWorker(targets: MonitoringTarget[], env?: Record<string, string>): Promise<RunningWorker>;
  stop(): Promise<void>;
}

export async function startMonitoringHarness(env: Record<string, string> = {}): Promise<MonitoringHarness> {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const issuer = await startTestIssuer();
  const sg = await startTestSubgraph(monitoringSubgraph, { issuer, redisUrl, env });
  const adminToken = await issuer.token({ sub: randomUUID(), roles: ['ADMIN'] });
  const patientToken = await issuer.token({ sub: randomUUID(), roles: ['PATIENT'] });
  const queuePrefix = `hv-test-${randomBytes(4).toString('hex')}`;
  const workers: RunningWorker[] = [];
  return {
    issuer,
    sg,
    redisUrl,
    adminToken,
    patientToken,
    async admin<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const response = await sg.graphql<T>(query, variables, { token: adminToken });
      if (response.body.errors?.length) throw new Error(JSON.stringify(response.body.errors));
      return response.body.data as T;
    },
    async startWorker(targets, workerEnv = {}) {
      const worker = await runWorker(monitoringWorker, {
        DATABASE_URL: (sg.dataSource.options as { url: string }).url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: queuePrefix,
        PORT: '0',
        METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
        MONITORING_TARGETS: JSON.stringify(targets),
        HEALTH_POLL_EVERY_MS: '1000',
        HEALTH_CHECK_TIMEOUT_MS: '800',
        ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
        ...workerEnv,
      });
      workers.push(worker);
      return worker;
    },
    async stop() {
      for (const worker of workers) await worker.stop();
      await sg.stop();
      await issuer.stop();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${queuePrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** Polls `read` every 100 ms until `done` holds or `timeoutMs` passes; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export interface ReceivedHook {
  path: string;
  body: Record<string, unknown>;
  signatureValid: boolean;
}

/** A local HTTP receiver for webhook and Slack-compatible notifications that checks each signature. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedHook[];
  stop(): Promise<void>;
}> {
  const received: ReceivedHook[] = [];
  const read = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  };
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      const header = String(req.headers['x-holovitals-signature'] ?? '');
      const timestamp = Number(/t=(\d+)/.exec(header)?.[1] ?? NaN);
      received.push({
        path: req.url ?? '/',
        body: JSON.parse(body) as Record<string, unknown>,
        signatureValid: header === webhookSignature(WEBHOOK_SECRET, timestamp, body),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, stop: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A stand-in process: `/ready` answers 200 and `/metrics` serves whatever text the test sets, until stopped. */
export interface FakeService {
  port: number;
  target(name: string): MonitoringTarget;
  metrics: { text: string };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFakeService(): Promise<FakeService> {
  const metrics = { text: '' };
  let server: Server | null = null;
  let port = 0;
  const start = async (): Promise<void> => {
    const next = createServer((req, res) => {
      if (req.url === '/ready') res.writeHead(200).end('{"status":"ok"}');
      else if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain' }).end(metrics.text);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  await start();
  return {
    get port() {
      return port;
    },
    target: (name) => ({
      name,
      kind: 'subgraph',
      healthUrl: `http://127.0.0.1:${port}/ready`,
      metricsUrl: `http://127.0.0.1:${port}/metrics`,
    }),
    metrics,
    start,
    stop: async () => {
      if (server) await closeServer(server);
      server = null;
    },
  };
}
