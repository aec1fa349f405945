import { complianceSubgraph } from '@holovitals/compliance';
import { patientSubgraph } from '@holovitals/patient';
import { startServiceProcess, waitForReady } from '@holovitals/stack';
import {
  freePort,
  graphqlRequest,
  startTestIssuer,
  startTestSubgraph,
  type TestIssuer,
  type TestSubgraph,
} from '@holovitals/testing';
import { createClient, type Client } from 'graphql-ws';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';

/** A gateway replica: its own process, as deployed. */
export interface GatewayReplica {
  url: string;
  pid: number;
  metricsUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/** The repository root, found from here whether this runs from source or compiled output. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'rover.yaml'))) dir = dirname(dir);
  return dir;
}

export interface LiveUser {
  id: string;
  token: string;
  patientId: string;
}

export interface LiveHarness {
  issuer: TestIssuer;
  patient: TestSubgraph;
  /** Compliance, when the harness was asked for it (securityAlertRaised). */
  compliance: TestSubgraph | null;
  redisUrl: string;
  /** Gateway replicas over the same patient subgraph and Redis, each with its own settings. */
  gateways: GatewayReplica[];
  /** A signed-in patient with a record of their own. */
  patientUser(): Promise<LiveUser>;
  /** A signed-in administrator's token. */
  adminToken(): Promise<string>;
  /** A graphql-ws client on a gateway (closed by `stop`). */
  client(gateway: GatewayReplica, token: string, onClosed?: (code: number) => void): Client;
  /** Records one observation through a gateway's HTTP endpoint, which publishes the change. */
  recordObservation(gateway: GatewayReplica, user: LiveUser, display?: string): Promise<void>;
  stop(): Promise<void>;
}

export const wsUrl = (gateway: GatewayReplica): string => gateway.url.replace(/^http/, 'ws');

/**
 * Runs the built gateway (`gateway/dist/main.js`) as a child process on free ports. A process of its own, not
 * `startGateway` in the test's process: that is how replicas run, and it keeps the test runner's ESM copy of
 * graphql away from the gateway's CommonJS one.
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<GatewayReplica> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const root = repoRoot();
  const logFile = join(tmpdir(), `hv-live-gateway-${port}.log`);
  let alive = true;
  const child = startServiceProcess(
    'gateway',
    process.execPath,
    [...nodeArgs, join(root, 'gateway', 'dist', 'main.js')],
    {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      SUPERGRAPH_PATH: join(root, 'schema', 'supergraph.graphql'),
      ...env,
    },
    logFile,
    () => (alive = false),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(`${base}/health`, 60_000, () => alive);
  return {
    url: `${base}/graphql`,
    pid: child.child.pid ?? 0,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    logFile,
    stop: () => child.stop(),
  };
}

/**
 * The patient subgraph (and compliance when asked for) on real PostgreSQL and Redis, behind several gateway
 * replicas sharing one Redis.
 */
export async function startLiveHarness(
  gatewayEnvs: Array<Record<string, string>>,
  options: {
    compliance?: boolean;
    /** Node flags for each gateway process (`--cpu-prof`). */
    gatewayNodeArgs?: string[];
  } = {},
): Promise<LiveHarness> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const issuer = await startTestIssuer();
  const gatewaySecret = randomBytes(24).toString('hex');
  const patient = await startTestSubgraph(patientSubgraph, {
    issuer,
    redisUrl,
    env: { GATEWAY_SECRET: gatewaySecret, LOG_LEVEL: 'error' },
  });
  const compliance =
    options.compliance === true
      ? await startTestSubgraph(complianceSubgraph, {
          issuer,
          redisUrl,
          env: {
            GATEWAY_SECRET: gatewaySecret,
            LOG_LEVEL: 'error',
            KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
          },
        })
      : null;
  const gateways = await Promise.all(
    gatewayEnvs.map((env) =>
      startGatewayProcess(
        {
          SUBGRAPH_PATIENT_URL: patient.url,
          ...(compliance === null ? {} : { SUBGRAPH_COMPLIANCE_URL: compliance.url }),
          GATEWAY_SECRET: gatewaySecret,
          JWKS_URL: issuer.jwksUrl,
          REDIS_URL: redisUrl,
          RATE_LIMIT_POINTS: '100000',
          ...env,
        },
        options.gatewayNodeArgs,
      ),
    ),
  );
  const clients: Client[] = [];

  const gql = async <T>(
    gateway: GatewayReplica,
    query: string,
    variables: object,
    token: string,
  ): Promise<T> => {
    const response = await graphqlRequest<T>(gateway.url, query, { ...variables }, { token });
    if (response.body.errors !== undefined) throw new Error(JSON.stringify(response.body.errors));
    return response.body.data as T;
  };

  return {
    issuer,
    patient,
    compliance,
    redisUrl,
    gateways,
    patientUser: async () => {
      const id = randomUUID();
      const token = await issuer.token({ sub: id, roles: ['PATIENT'], sid: randomUUID() });
      const { createMyPatient } = await gql<{ createMyPatient: { id: string } }>(
        gateways[0]!,
        'mutation { createMyPatient { id } }',
        {},
        token,
      );
      return { id, token, patientId: createMyPatient.id };
    },
    adminToken: () =>
      issuer.token({ sub: randomUUID(), roles: ['ADMIN'], sid: randomUUID(), emailVerified: true }),
    client: (gateway, token, onClosed) => {
      const client = createClient({
        url: wsUrl(gateway),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        on: { closed: (event) => onClosed?.((event as { code: number }).code) },
      });
      clients.push(client);
      return client;
    },
    recordObservation: async (gateway, user, display = 'Glucose') => {
      await gql(
        gateway,
        'mutation C($p: ID!, $i: ObservationInput!) { createObservation(patientId: $p, input: $i) { id } }',
        {
          p: user.patientId,
          i: {
            status: 'final',
            codeSystem: 'http://loinc.org',
            code: '2345-7',
            display,
            value: 95,
            unit: 'mg/dL',
          },
        },
        user.token,
      );
    },
    stop: async () => {
      await Promise.all(clients.map((client) => client.dispose()));
      for (const gateway of gateways) await gateway.stop();
      await patient.stop();
      await compliance?.stop();
      await issuer.stop();
    },
  };
}

export interface Subscription<T> {
  /** Events received so far. */
  events: T[];
  /** The error message's payload, once the gateway ended the subscription with one. */
  error(): unknown;
  /** Resolves with the events once `count` arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the error once it arrived. */
  failed(timeoutMs?: number): Promise<unknown>;
  stop(): void;
}

/** Subscribes and collects what arrives (`onEvent` sees each event as it arrives). */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  onEvent?: (event: T) => void,
): Subscription<T> {
  const events: T[] = [];
  let error: unknown;
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        events.push(value as T);
        onEvent?.(value as T);
      },
      error: (value) => (error = value),
      complete: () => undefined,
    },
  );
  const until = async (done: () => boolean, timeoutMs: number, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    events,
    error: () => error,
    waitFor: async (count, timeoutMs = 10_000) => {
      await until(() => events.length >= count || error !== undefined, timeoutMs, `${count} events`);
      if (error !== undefined) throw new Error(`subscription failed: ${JSON.stringify(error)}`);
      return events;
    },
    failed: async (timeoutMs = 10_000) => {
      await until(() => error !== undefined, timeoutMs, 'an error');
      return error;
    },
    stop,
  };
}

/** Polls until `read` is true (the gateway has no "subscribed" acknowledgement in graphql-ws). */
export async function eventually(read: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await read())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A metric's value from a gateway's `/metrics`, the series whose labels include `label` (0 when absent). */
export async function metric(gateway: GatewayReplica, name: string, label = ''): Promise<number> {
  const text = await (await fetch(gateway.metricsUrl)).text();
  const line = text
    .split('\n')
    .find((each) => (each.startsWith(`${name}{`) || each.startsWith(`${name} `)) && each.includes(label));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}
