import { dropStackDatabases, startStack } from '@holovitals/stack';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const ME = JSON.stringify({ query: 'query Me { me { id email displayName roles emailVerified } }' });
const root = join(dirname(require.resolve('@holovitals/stack/package.json')), '..', '..');

function rssMegabytes(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '0';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

async function measure(label: string, url: string, headers: Record<string, string>): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    body: ME,
  });
  const errors = result.non2xx + result.errors;
  process.stdout.write(
    `${label.padEnd(28)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${errors}\n`,
  );
  if (errors > 0) throw new Error(`${label}: ${errors} failed requests`);
  return result.requests.average;
}

/**
 * Runs the real stack (each service its own process), reports its idle memory, then `me` at 50
 * connections straight to identity (baseline) and through the gateway, in the same run.
 */
async function main(): Promise<void> {
  const prefix = `hv_bench_${randomBytes(3).toString('hex')}`;
  const stack = await startStack({
    root,
    env: {
      ...process.env,
      GATEWAY_PORT: '4500',
      IDENTITY_PORT: '4501',
      PATIENT_PORT: '4502',
      STANDARDS_PORT: '4503',
      RATE_LIMIT_POINTS: '1000000000',
      LOG_LEVEL: 'warn',
    },
    databasePrefix: prefix,
    demo: true,
    web: false,
    dataDir: join(root, '.data', 'bench'),
    log: () => undefined,
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rss = Object.entries(stack.pids()).map(([name, pid]) => [name, rssMegabytes(pid)] as const);
    process.stdout.write(
      `idle RSS: ${rss.map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`).join(', ')}; total ${rss.reduce((sum, [, mb]) => sum + mb, 0).toFixed(0)} MB\n`,
    );

    const login = (await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { login(email: "patient@demo.holovitals.local", password: "holovitals-demo") { accessToken } }',
      }),
    }).then((response) => response.json())) as { data: { login: { accessToken: string } } };
    const authorization = `Bearer ${login.data.login.accessToken}`;
    process.stdout.write(`me query, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each\n`);
    const direct = await measure('identity subgraph (direct)', stack.subgraphs.identity?.url ?? '', {
      authorization,
      'x-gateway-credential': stack.secrets.GATEWAY_SECRET,
    });
    const viaGateway = await measure('through the gateway', stack.gatewayUrl, { authorization });
    process.stdout.write(`gateway / direct ratio: ${(viaGateway / direct).toFixed(2)}x\n`);
  } finally {
    await stack.stop();
    await dropStackDatabases('postgres://postgres@127.0.0.1:5432/postgres', stack);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
