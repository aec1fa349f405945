import { REVOCATION_READY_KEY } from '@holovitals/auth';
import { freePort } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BenchConfig, GatewayKind } from '../bench-config';
import { answers, printsReady, startProcess, type BenchProcess } from '../bench-processes';
import type { BenchIssuer } from '../bench-token';
import { BENCH_SUBGRAPHS } from '../subgraphs/bench-subgraph';

export interface RunningBenchGateway {
  process: BenchProcess;
  url: string;
  /** Headers every request sends (our gateway needs a signed token). */
  headers: Record<string, string>;
}

export const GATEWAY_LABELS: Record<GatewayKind, string> = {
  stock: 'stock @apollo/gateway',
  tuned: 'stock + keep-alive, production',
  hive: '@graphql-hive/gateway',
  holovitals: 'HoloVitals gateway (full edge)',
  'holovitals-untraced': 'same, OTEL_SDK_DISABLED=true',
};

const PROBE = JSON.stringify({ query: '{ __typename }' });
const node = process.execPath;

/** Starts one gateway over the bench supergraph on a free port, each in its own process. */
export async function startBenchGateway(
  kind: GatewayKind,
  supergraphPath: string,
  config: BenchConfig,
  issuer: BenchIssuer,
): Promise<RunningBenchGateway> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const label = GATEWAY_LABELS[kind];
  switch (kind) {
    case 'stock':
    case 'tuned': {
      const mode = kind === 'stock' ? 'default' : 'keepalive';
      const env = { ...process.env, NODE_ENV: kind === 'stock' ? 'development' : 'production' };
      const started = await startProcess(
        label,
        node,
        [join(__dirname, 'stock-gateway.js'), supergraphPath, String(port), mode],
        { env, ready: printsReady },
      );
      return { process: started, url, headers: {} };
    }
    case 'hive': {
      const bin = join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js');
      // Its own empty folder, so it finds no gateway config file and runs on its defaults.
      const cwd = mkdtempSync(join(tmpdir(), 'hv-bench-hive-'));
      const started = await startProcess(
        label,
        node,
        [bin, 'supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1', '--fork', '1'],
        { env: { ...process.env, NODE_ENV: 'production' }, cwd, ready: answers(url, PROBE) },
      );
      return { process: started, url, headers: {} };
    }
    case 'holovitals':
    case 'holovitals-untraced': {
      const redis = new Redis(config.REDIS_URL);
      // Identity keeps this sentinel set; without it the gateway refuses every token (cache unknown).
      await redis.set(REVOCATION_READY_KEY, String(Date.now()));
      redis.disconnect();
      const main = join(dirname(require.resolve('@holovitals/gateway/package.json')), 'dist', 'main.js');
      const env = {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: '0',
        SUPERGRAPH_PATH: supergraphPath,
        REDIS_URL: config.REDIS_URL,
        JWKS_URL: issuer.jwksUrl,
        JWT_ISSUER: issuer.issuer,
        JWT_AUDIENCE: issuer.audience,
        GATEWAY_SECRET: randomBytes(24).toString('hex'),
        // On, with a budget the bench cannot exhaust: every request still spends a point in Redis.
        RATE_LIMIT_POINTS: '1000000000',
        // The four bench subgraphs hold no PHI: identical in-flight reads share one call, as in Hive Gateway.
        GATEWAY_DEDUPE_SUBGRAPHS: Object.keys(BENCH_SUBGRAPHS).join(','),
        // Tracing is on by default (trace ids without an exporter); the untraced run shows what it costs.
        OTEL_SDK_DISABLED: kind === 'holovitals-untraced' ? 'true' : 'false',
      };
      const headers = { authorization: `Bearer ${issuer.token}` };
      const args = [...config.BENCH_GATEWAY_NODE_OPTIONS.split(' ').filter(Boolean), main];
      const started = await startProcess(label, node, args, { env, ready: answers(url, PROBE, headers) });
      return { process: started, url, headers };
    }
  }
}
