import { GATEWAY_CREDENTIAL_HEADER } from '@holovitals/auth';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { dropStackDatabases, servicePortEnv, startStack, type RunningStack } from '@holovitals/stack';
import { demoSignIn } from '@holovitals/subgraph-kit';
import { freePort, type BenchTarget } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsReady, startProcess } from './bench-processes';
import { answerOf, load, type LoadResult } from './load';
import { requestBody } from './scenario-queries';

const ME = requestBody('query Me { me { id email displayName roles emailVerified } }');

/**
 * The HoloVitals dashboard: who is signed in (identity), their latest lab results (patient) and each mapped to
 * LOINC and UCUM (standards, an entity fetch that `@requires` the observation's fields from patient).
 */
export const DASHBOARD_QUERY = `query Dashboard {
  me {
    id
    displayName
    patient {
      id
      observations(first: 20, filter: { category: "laboratory" }) {
        nodes {
          code
          display
          value
          unit
          effectiveAt
          standardized { loincCode loincDisplay normalizedValue normalizedUnit flag }
        }
      }
    }
  }
}`;
const DASHBOARD = requestBody(DASHBOARD_QUERY);

const out = (line: string): void => void process.stdout.write(`${line}\n`);

function rssMegabytes(pid: number): number {
  try {
    const line =
      readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:')) ?? '0';
    return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The stack's supergraph with each subgraph's routing URL where this stack runs it. */
function stackSupergraph(root: string, stack: RunningStack, dir: string): string {
  const sdl = readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8').replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (whole, name: string) => {
      const url = stack.subgraphs[name]?.url;
      return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
    },
  );
  const path = join(dir, 'stack-supergraph.graphql');
  writeFileSync(path, sdl);
  return path;
}

function describeLoad(label: string, result: LoadResult): void {
  out(
    `${label.padEnd(40)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50} ms   p99 ${result.p99} ms   failures ${result.failures}`,
  );
}

/**
 * The real stack (each service its own process, demo data seeded): its idle memory, then at `connections`
 * connections `me` straight to identity against through the gateway, and the dashboard query through the
 * stock gateway (keep-alive fetcher, forwarding only the token and the gateway credential the subgraphs
 * require: no edge auth, limits, rate limit, metrics or tracing) against through ours, over the same
 * subgraphs and supergraph. Every answer must equal the first one byte for byte.
 */
export async function runStackScenarios(options: {
  root: string;
  workDir: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<{ targets: BenchTarget[]; failures: number }> {
  const prefix = `hv_bench_${randomBytes(3).toString('hex')}`;
  // Free ports for every service and its metrics listener: other stacks may hold the usual ones.
  const ports = await servicePortEnv(SERVICE_REGISTRY, freePort);
  const metricsPorts = await servicePortEnv(
    SERVICE_REGISTRY.map((entry) => ({ ...entry, name: `${entry.name}-metrics` })),
    freePort,
  );
  const stack = await startStack({
    root: options.root,
    env: { ...process.env, ...ports, ...metricsPorts, RATE_LIMIT_POINTS: '1000000000', LOG_LEVEL: 'warn' },
    databasePrefix: prefix,
    demo: true,
    web: false,
    dataDir: join(options.root, '.data', 'bench'),
    log: () => undefined,
    readyTimeoutMs: 180_000,
  });
  const stock = { stop: async (): Promise<void> => undefined };
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rss = Object.entries(stack.pids()).map(([name, pid]) => [name, rssMegabytes(pid)] as const);
    const idleRss = rss.reduce((sum, [, mb]) => sum + mb, 0);
    out(
      `idle RSS of the stack: ${rss.map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`).join(', ')}; total ${idleRss.toFixed(0)} MB`,
    );

    const signIn = {
      gatewayUrl: stack.gatewayUrl,
      auxiliaryUrls: {},
      demoPassword: 'holovitals-demo',
      log: out,
    };
    const authorization = `Bearer ${await demoSignIn(signIn, 'patient@demo.holovitals.local')}`;

    const port = await freePort();
    const stockUrl = `http://127.0.0.1:${port}/graphql`;
    const started = await startProcess(
      'stock gateway (forwarding)',
      process.execPath,
      [
        join(__dirname, 'gateways', 'stock-gateway.js'),
        stackSupergraph(options.root, stack, options.workDir),
        String(port),
        'forward',
      ],
      {
        env: { ...process.env, NODE_ENV: 'production', GATEWAY_SECRET: stack.secrets.GATEWAY_SECRET },
        ready: printsReady,
      },
    );
    stock.stop = () => started.stop();

    const run = { connections: options.connections, seconds: options.seconds };
    const warm = { connections: 10, seconds: options.warmupSeconds };
    const measure = async (url: string, body: string, headers: Record<string, string>, expected: string) => {
      await load({ url, headers, body, expected, ...warm });
      return load({ url, headers, body, expected, ...run });
    };
    out(
      `stack scenarios, ${run.connections} connections, ${run.seconds} s each after ${warm.seconds} s warm-up`,
    );

    const identityUrl = stack.subgraphs.identity?.url ?? '';
    const direct = { authorization, [GATEWAY_CREDENTIAL_HEADER]: stack.secrets.GATEWAY_SECRET };
    const meAnswer = await answerOf(identityUrl, ME, direct);
    const gatewayMe = await answerOf(stack.gatewayUrl, ME, { authorization });
    if (gatewayMe.trimEnd() !== meAnswer.trimEnd())
      throw new Error('me: the gateway answers differently from identity');
    const meDirect = await measure(identityUrl, ME, direct, meAnswer);
    describeLoad('me, identity subgraph direct', meDirect);
    const meGateway = await measure(stack.gatewayUrl, ME, { authorization }, gatewayMe);
    describeLoad('me, through the HoloVitals gateway', meGateway);

    const dashboardAnswer = await answerOf(stockUrl, DASHBOARD, { authorization });
    const labs = (
      JSON.parse(dashboardAnswer) as {
        data?: { me?: { patient?: { observations?: { nodes?: unknown[] } } } };
      }
    ).data?.me?.patient?.observations?.nodes?.length;
    if (!labs)
      throw new Error(`dashboard: no lab results for the demo patient: ${dashboardAnswer.slice(0, 500)}`);
    const oursAnswer = await answerOf(stack.gatewayUrl, DASHBOARD, { authorization });
    if (oursAnswer.trimEnd() !== dashboardAnswer.trimEnd())
      throw new Error('dashboard: the HoloVitals gateway answers differently from the stock gateway');
    const dashboardStock = await measure(stockUrl, DASHBOARD, { authorization }, dashboardAnswer);
    describeLoad(`dashboard (${labs} labs), stock gateway`, dashboardStock);
    const dashboardOurs = await measure(stack.gatewayUrl, DASHBOARD, { authorization }, oursAnswer);
    describeLoad(`dashboard (${labs} labs), HoloVitals gateway`, dashboardOurs);

    // A baseline that completed nothing (a machine this loaded) gives no ratio; the row then reads 0× and MISS.
    const ratio = (ours: LoadResult, base: LoadResult): number =>
      base.requestsPerSecond > 0 ? ours.requestsPerSecond / base.requestsPerSecond : 0;
    const meRatio = ratio(meGateway, meDirect);
    const dashboardRatio = ratio(dashboardOurs, dashboardStock);
    return {
      failures: [meDirect, meGateway, dashboardStock, dashboardOurs].reduce((sum, r) => sum + r.failures, 0),
      targets: [
        {
          target: '`me` ≥ 0.6× identity direct',
          measured: `${meGateway.requestsPerSecond.toFixed(0)} req/s = ${meRatio.toFixed(2)}×`,
          baseline: `identity direct ${meDirect.requestsPerSecond.toFixed(0)} req/s`,
          met: meRatio >= 0.6,
        },
        {
          target: 'dashboard (identity → patient → standards) ≥ 1.0× stock gateway',
          measured: `${dashboardOurs.requestsPerSecond.toFixed(0)} req/s = ${dashboardRatio.toFixed(2)}×, p99 ${dashboardOurs.p99} ms`,
          baseline: `stock + keep-alive, forwarding ${dashboardStock.requestsPerSecond.toFixed(0)} req/s, p99 ${dashboardStock.p99} ms`,
          met: dashboardRatio >= 1,
        },
        {
          target: 'idle RSS of the whole stack (reported)',
          measured: `${idleRss.toFixed(0)} MB, ${rss.length} processes`,
          baseline: '',
          met: null,
        },
      ],
    };
  } finally {
    await stock.stop();
    await stack.stop();
    await dropStackDatabases('postgres://postgres@127.0.0.1:5432/postgres', stack);
  }
}
