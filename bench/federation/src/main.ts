import { composeServices } from '@apollo/composition';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBenchConfig, type GatewayKind } from './bench-config';
import { freePort, printsReady, startProcess, type BenchProcess } from './bench-processes';
import { startBenchIssuer } from './bench-token';
import { GATEWAY_LABELS, startBenchGateway } from './gateways/bench-gateways';
import { answerOf, load, type LoadResult } from './load';
import { DEEP_QUERY, requestBody, SMALL_QUERY } from './scenario-queries';
import { BENCH_SUBGRAPHS, type BenchSubgraphName } from './subgraphs/bench-subgraph';

const WARMUP_SECONDS = 2;
const DEEP = requestBody(DEEP_QUERY);
const SMALL = requestBody(SMALL_QUERY);

interface GatewayFigures {
  kind: GatewayKind;
  deep: LoadResult;
  small: LoadResult;
  peakRss: number;
}

/** The same bytes, apart from the newline Apollo Server ends a body with and Hive Gateway does not. */
const sameAnswer = (a: string, b: string): boolean => a.replace(/\n$/, '') === b.replace(/\n$/, '');

const load1 = (): string => loadavg()[0]?.toFixed(2) ?? '?';
const out = (line: string): void => void process.stdout.write(`${line}\n`);

function composeSupergraph(ports: Record<BenchSubgraphName, number>): string {
  const result = composeServices(
    Object.entries(BENCH_SUBGRAPHS).map(([name, { typeDefs }]) => ({
      name,
      typeDefs,
      url: `http://127.0.0.1:${ports[name as BenchSubgraphName]}/graphql`,
    })),
  );
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}

function row(label: string, cells: string[]): string {
  return `| ${label.padEnd(32)} | ${cells.map((cell) => cell.padStart(10)).join(' | ')} |`;
}

/**
 * The four-subgraph federation scenario against each gateway in turn, one process each, over the same
 * composed supergraph and subgraph processes. Every answer must equal the first gateway's byte for byte.
 */
async function main(): Promise<void> {
  const config = loadBenchConfig();
  out(`load average at start: ${load1()} (${process.env.HOSTNAME ?? 'this machine'}, 2 cores shared)`);
  const ports = Object.fromEntries(
    await Promise.all(Object.keys(BENCH_SUBGRAPHS).map(async (name) => [name, await freePort()])),
  ) as Record<BenchSubgraphName, number>;
  const workDir = mkdtempSync(join(tmpdir(), 'hv-bench-federation-'));
  const supergraphPath = join(workDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(ports));

  const processes: BenchProcess[] = [];
  const issuer = await startBenchIssuer(await freePort());
  try {
    for (const [name, port] of Object.entries(ports)) {
      processes.push(
        await startProcess(
          name,
          process.execPath,
          [join(__dirname, 'subgraph-process.js'), name, String(port)],
          {
            ready: printsReady,
          },
        ),
      );
    }
    const run = { connections: config.BENCH_CONNECTIONS, seconds: config.BENCH_SECONDS };
    out(
      `${run.connections} connections, ${run.seconds} s per gateway and query, after ${WARMUP_SECONDS} s warm-up`,
    );

    let reference: { deep: string; small: string } | null = null;
    const figures: GatewayFigures[] = [];
    for (const kind of config.BENCH_GATEWAYS) {
      const gateway = await startBenchGateway(kind, supergraphPath, config, issuer);
      try {
        const { url, headers } = gateway;
        const answers = {
          deep: await answerOf(url, DEEP, headers),
          small: await answerOf(url, SMALL, headers),
        };
        reference ??= answers;
        if (!sameAnswer(answers.deep, reference.deep) || !sameAnswer(answers.small, reference.small))
          throw new Error(
            `${GATEWAY_LABELS[kind]} answers differently from ${GATEWAY_LABELS[config.BENCH_GATEWAYS[0]!]}`,
          );
        // Small first: deep requests still queued when a deep run ends would slow a later run down.
        const warm = { connections: 10, seconds: WARMUP_SECONDS };
        await load({ url, headers, body: SMALL, expected: answers.small, ...warm });
        const small = await load({ url, headers, body: SMALL, expected: answers.small, ...run });
        await load({ url, headers, body: DEEP, expected: answers.deep, ...warm });
        const deep = await load({ url, headers, body: DEEP, expected: answers.deep, ...run });
        const peakRss = gateway.process.peakRssMegabytes();
        figures.push({ kind, deep, small, peakRss });
        out(
          `${GATEWAY_LABELS[kind].padEnd(32)} deep ${deep.requestsPerSecond.toFixed(0)} req/s p99 ${deep.p99} ms, small ${small.requestsPerSecond.toFixed(0)} req/s, peak RSS ${peakRss.toFixed(0)} MB, failures ${deep.failures + small.failures} (load ${load1()})`,
        );
      } finally {
        await gateway.process.stop();
      }
    }
    if (!reference) throw new Error('no gateway ran');

    const productsUrl = `http://127.0.0.1:${ports.products}/graphql`;
    const directAnswer = await answerOf(productsUrl, SMALL, {});
    if (!sameAnswer(directAnswer, reference.small))
      throw new Error('the products subgraph answers the small query differently from the gateways');
    await load({
      url: productsUrl,
      headers: {},
      body: SMALL,
      expected: directAnswer,
      connections: 10,
      seconds: WARMUP_SECONDS,
    });
    const direct = await load({ url: productsUrl, headers: {}, body: SMALL, expected: directAnswer, ...run });
    out(
      `products subgraph direct: small ${direct.requestsPerSecond.toFixed(0)} req/s p99 ${direct.p99} ms (load ${load1()})`,
    );

    out('');
    out(
      row('gateway', [
        'deep req/s',
        'deep p50',
        'deep p99',
        'small req/s',
        'small÷dir',
        'peak RSS',
        'failures',
      ]),
    );
    out(`|${'-'.repeat(34)}|${Array.from({ length: 7 }, () => '-'.repeat(12)).join('|')}|`);
    for (const { kind, deep, small, peakRss } of figures) {
      out(
        row(GATEWAY_LABELS[kind], [
          deep.requestsPerSecond.toFixed(0),
          `${deep.p50} ms`,
          `${deep.p99} ms`,
          small.requestsPerSecond.toFixed(0),
          `${(small.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}x`,
          `${peakRss.toFixed(0)} MB`,
          String(deep.failures + small.failures),
        ]),
      );
    }
    out(
      row('products subgraph direct', [
        '',
        '',
        '',
        direct.requestsPerSecond.toFixed(0),
        '1.00x',
        '',
        String(direct.failures),
      ]),
    );

    const ours = figures.find((f) => f.kind === 'holovitals');
    const rivals = figures.filter((f) => f.kind === 'tuned' || f.kind === 'hive');
    if (ours) {
      out('');
      out('targets (issue 11):');
      const check = (ok: boolean, text: string): void => out(`  ${ok ? 'MET ' : 'MISS'} ${text}`);
      if (rivals.length > 0) {
        const best = rivals.reduce((a, b) => (a.deep.requestsPerSecond >= b.deep.requestsPerSecond ? a : b));
        const ratio = ours.deep.requestsPerSecond / best.deep.requestsPerSecond;
        check(
          ratio >= 1.1,
          `deep ≥ 1.1× the better of tuned stock and Hive (${GATEWAY_LABELS[best.kind]}): ${ratio.toFixed(2)}×`,
        );
      }
      const tuned = figures.find((f) => f.kind === 'tuned');
      if (tuned)
        check(
          ours.deep.p99 <= tuned.deep.p99,
          `deep p99 ≤ tuned stock's: ${ours.deep.p99} ms vs ${tuned.deep.p99} ms`,
        );
      const smallRatio = ours.small.requestsPerSecond / direct.requestsPerSecond;
      check(smallRatio >= 0.5, `small ≥ 0.5× products direct: ${smallRatio.toFixed(2)}×`);
      check(ours.peakRss <= 350, `gateway peak RSS ≤ 350 MB: ${ours.peakRss.toFixed(0)} MB`);
    }
    const failed = figures.some((f) => f.deep.failures + f.small.failures > 0) || direct.failures > 0;
    out(`load average at end: ${load1()}`);
    if (failed)
      throw new Error('some requests failed or answered differently from the reference (see failures)');
  } finally {
    for (const started of processes.reverse()) await started.stop();
    await issuer.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
