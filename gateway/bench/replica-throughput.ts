import { dropStackDatabases, startStack, type RunningStack } from '@holovitals/stack';
import { defineRegistry, portEnvVar, SERVICE_REGISTRY, singleService } from '@holovitals/service-registry';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const CLOCK_TICKS = 100;
const PORT_OFFSET = 37_000;
// Two subgraphs per request: identity resolves `me`, patient the record.
const QUERY = JSON.stringify({
  query: 'query Record { me { id email } myPatient { id conditions(first: 5) { nodes { display } } } }',
});
// Only what the measured query needs (the web entry is listed, not served): on two shared cores, the other
// subgraphs and workers would only add background load.
const registry = defineRegistry(
  SERVICE_REGISTRY.filter((entry) => ['identity', 'patient', 'gateway', 'web'].includes(entry.name)),
);
const root = join(dirname(require.resolve('@holovitals/stack/package.json')), '..', '..');

interface Balancer {
  url: string;
  /** Where requests go, in turn. */
  targets: number[];
  close(): Promise<void>;
}

/** A round-robin HTTP load balancer with keep-alive to its targets: the local stand-in for a cluster Service. */
async function startBalancer(targets: number[]): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS * 2 });
  let next = 0;
  const balancer: Balancer = { url: '', targets, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    const port = balancer.targets[next++ % balancer.targets.length];
    const upstream = request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers, agent },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.close = () =>
    new Promise((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return balancer;
}

/** The environment a running process was started with, so a second replica gets exactly the same. */
function environmentOf(pid: number): NodeJS.ProcessEnv {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready within 300 s`);
}

/** Starts one more replica of a registry entry on `port`, with the first replica's environment. */
async function startReplica(
  stack: RunningStack,
  name: string,
  port: number,
  overrides: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
  const entry = SERVICE_REGISTRY.find((candidate) => candidate.name === name);
  const pid = stack.pids()[name];
  if (!entry || !pid) throw new Error(`${name} is not running`);
  const child = spawn(process.execPath, [join(root, entry.entry)], {
    cwd: root,
    env: { ...environmentOf(pid), PORT: String(port), METRICS_PORT: '0', ...overrides },
    stdio: 'ignore',
  });
  await waitReady(`http://127.0.0.1:${port}${entry.healthPath}`);
  return child;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

interface Measurement {
  requestsPerSecond: number;
  coresUsed: number;
}

async function measure(
  label: string,
  url: string,
  authorization: string,
  pids: number[],
): Promise<Measurement> {
  // One request first: a broken path fails here with its answer, not as a wall of timeouts.
  const probe = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: QUERY,
  });
  const answer = await probe.text();
  if (!probe.ok || answer.includes('"errors"'))
    throw new Error(`${label}: ${probe.status} ${answer.slice(0, 300)}`);
  const cpuBefore = pids.map(cpuSeconds);
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    // A loaded shared machine answers slowly; a timeout is an error, not a figure.
    timeout: 60,
    headers: { 'content-type': 'application/json', authorization },
    body: QUERY,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = pids.reduce((sum, pid, index) => sum + cpuSeconds(pid) - (cpuBefore[index] ?? 0), 0);
  const coresUsed = cpu / seconds;
  const errors = result.non2xx + result.errors;
  const perCore = result.requests.average / coresUsed;
  process.stdout.write(
    `${label.padEnd(30)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(5)} ms   server cores ${coresUsed.toFixed(2)}   ${perCore.toFixed(0).padStart(5)} req/s per core   errors ${errors}\n`,
  );
  if (errors > 0) throw new Error(`${label}: ${errors} failed requests`);
  return { requestsPerSecond: result.requests.average, coresUsed };
}

/**
 * 1 vs 2 gateway replicas, then 1 vs 2 patient replicas, each set behind a round-robin balancer (the same
 * balancer in the 1-replica baseline, so its cost is in both figures), on the real stack.
 */
async function main(): Promise<void> {
  const prefix = `hv_bench_${randomBytes(3).toString('hex')}`;
  // Every process 37,000 above its usual port, so a stack someone else runs here is not in the way.
  const portOf = (name: string): number =>
    (SERVICE_REGISTRY.find((entry) => entry.name === name)?.port ?? 0) + PORT_OFFSET;
  const gatewayPort = portOf('gateway');
  const patientPort = portOf('patient');
  const stack = await startStack({
    root,
    env: {
      ...process.env,
      ...Object.fromEntries(
        SERVICE_REGISTRY.map((entry) => [portEnvVar(entry.name), String(entry.port + PORT_OFFSET)]),
      ),
      RATE_LIMIT_POINTS: '1000000000',
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
    },
    databasePrefix: prefix,
    registry,
    readyTimeoutMs: 300_000,
    demo: true,
    web: false,
    dataDir: join(root, '.data', 'bench'),
    log: () => undefined,
  });
  const extra: ChildProcess[] = [];
  const balancers: Balancer[] = [];
  try {
    const login = (await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { login(email: "patient@demo.holovitals.local", password: "holovitals-demo") { accessToken } }',
      }),
    }).then((response) => response.json())) as { data: { login: { accessToken: string } } };
    const authorization = `Bearer ${login.data.login.accessToken}`;
    const servers = (): number[] => [
      ...Object.values(stack.pids()),
      ...extra.flatMap((child) => (child.pid ? [child.pid] : [])),
    ];
    process.stdout.write(
      `${CONNECTIONS} connections, ${DURATION_SECONDS} s per figure; identity, patient and the gateways run on this machine (${
        (await import('node:os')).cpus().length
      } cores, shared); server cores = CPU time of all server processes / wall time\n`,
    );

    const gatewayPath = singleService(SERVICE_REGISTRY, 'gateway');
    const gateways = await startBalancer([gatewayPort]);
    balancers.push(gateways);
    const gatewayUrl = `${gateways.url}/graphql`;
    const oneGateway = await measure('gateway x1 (balanced)', gatewayUrl, authorization, servers());
    extra.push(await startReplica(stack, gatewayPath.name, gatewayPort + 10));
    gateways.targets = [gatewayPort, gatewayPort + 10];
    const twoGateways = await measure('gateway x2 (balanced)', gatewayUrl, authorization, servers());
    process.stdout.write(
      `gateway replicas 2 / 1: ${(twoGateways.requestsPerSecond / oneGateway.requestsPerSecond).toFixed(2)}x throughput, ${(
        twoGateways.requestsPerSecond /
        twoGateways.coresUsed /
        (oneGateway.requestsPerSecond / oneGateway.coresUsed)
      ).toFixed(2)}x per core\n`,
    );
    gateways.targets = [gatewayPort];

    // A gateway of its own that reaches patient only through the balancer.
    const patients = await startBalancer([patientPort]);
    balancers.push(patients);
    extra.push(
      await startReplica(stack, gatewayPath.name, gatewayPort + 20, {
        SUBGRAPH_PATIENT_URL: `${patients.url}/graphql`,
      }),
    );
    const viaPatients = `http://127.0.0.1:${gatewayPort + 20}/graphql`;
    const onePatient = await measure('patient x1 (balanced)', viaPatients, authorization, servers());
    extra.push(await startReplica(stack, 'patient', patientPort + 30));
    patients.targets = [patientPort, patientPort + 30];
    const twoPatients = await measure('patient x2 (balanced)', viaPatients, authorization, servers());
    process.stdout.write(
      `patient replicas 2 / 1: ${(twoPatients.requestsPerSecond / onePatient.requestsPerSecond).toFixed(2)}x throughput, ${(
        twoPatients.requestsPerSecond /
        twoPatients.coresUsed /
        (onePatient.requestsPerSecond / onePatient.coresUsed)
      ).toFixed(2)}x per core\n`,
    );
  } finally {
    for (const balancer of balancers) await balancer.close();
    for (const child of extra) child.kill('SIGTERM');
    await stack.stop();
    await dropStackDatabases('postgres://postgres@127.0.0.1:5432/postgres', stack);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
