import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProcessFixtures, startGatewayProcesses } from '../test/gateway-processes';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const ME = JSON.stringify({ query: 'query Me { me { id email } }' });

/** A collector that accepts every export and counts bytes: the bench measures the services, not a decoder. */
async function startSink(): Promise<{ endpoint: string; bytes: () => number; stop: () => Promise<void> }> {
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes: () => bytes,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * `me` through real gateway and identity processes at 50 connections, three ways in one run: without the
 * OpenTelemetry SDK (baseline), without an exporter (the default: ids only; the gateway starts no SDK, identity
 * only the http instrumentation), and exporting every span.
 */
async function main(): Promise<void> {
  const fixtures = await createProcessFixtures();
  const sink = await startSink();
  const authorization = `Bearer ${await fixtures.issuer.token({ sub: randomUUID() })}`;
  const runs: Array<[string, Record<string, string>]> = [
    ['no SDK (OTEL_SDK_DISABLED)', { OTEL_SDK_DISABLED: 'true' }],
    ['no exporter (the default)', {}],
    ['exporting every span', { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint }],
  ];
  process.stdout.write(`me query via the gateway, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each\n`);
  const results: number[] = [];
  try {
    for (const [label, env] of runs) {
      // One principal sends every request: the per-principal rate limit (kept in Redis across runs) is lifted.
      const processes = await startGatewayProcesses(fixtures, { ...env, RATE_LIMIT_POINTS: '1000000000' });
      try {
        const result = await autocannon({
          url: processes.gatewayUrl,
          method: 'POST',
          connections: CONNECTIONS,
          duration: DURATION_SECONDS,
          headers: { 'content-type': 'application/json', authorization },
          body: ME,
        });
        // Timeouts are the machine's load; a non-2xx answer would be a bug and stops the bench.
        if (result.non2xx > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers`);
        const baseline = results[0] ?? result.requests.average;
        results.push(result.requests.average);
        process.stdout.write(
          `${label.padEnd(28)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   ${result.timeouts} timeouts   ${(result.requests.average / baseline).toFixed(2)}x baseline\n`,
        );
      } finally {
        await processes.stop();
      }
    }
    process.stdout.write(`spans exported: ${(sink.bytes() / 1024 / 1024).toFixed(1)} MB of OTLP protobuf\n`);
  } finally {
    await sink.stop();
    await fixtures.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
