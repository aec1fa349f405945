import { composeServices } from '@apollo/composition';
import { freePort, readBenchTargets, type BenchTarget } from '@holovitals/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBenchConfig, type BenchConfig, type GatewayKind } from './bench-config';
import { printsReady, startProcess, type BenchProcess } from './bench-processes';
import { startBenchIssuer } from './bench-token';
import { GATEWAY_LABELS, startBenchGateway } from './gateways/bench-gateways';
import { answerOf, load, type LoadResult } from './load';
import { DEEP_QUERY, requestBody, SMALL_QUERY } from './scenario-queries';
import { runStackScenarios } from './stack-scenarios';
import { BENCH_SUBGRAPHS, type BenchSubgraphName } from './subgraphs/bench-subgraph';

const WARMUP_SECONDS = 2;
const ROOT = join(__dirname, '..', '..', '..');
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

const BARE_PROXY_LABEL = 'bare Node proxy → products';

/**
 * The small query through a process that only forwards bytes to the products subgraph (bare-proxy-process.ts):
 * the ceiling for any one-process Node gateway in the same place, measured in the same run.
 */
async function measureBareProxy(
  productsUrl: string,
  expected: string,
  run: { connections: number; seconds: number },
): Promise<LoadResult> {
  const port = await freePort();
  const proxy = await startProcess(
    BARE_PROXY_LABEL,
    process.execPath,
    [join(__dirname, 'bare-proxy-process.js'), productsUrl, String(port)],
    { ready: printsReady },
  );
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    if (!sameAnswer(await answerOf(url, SMALL, {}), expected))
      throw new Error('the bare proxy answers the small query differently from the products subgraph');
    await load({ url, headers: {}, body: SMALL, expected, connections: 10, seconds: WARMUP_SECONDS });
    return await load({ url, headers: {}, body: SMALL, expected, ...run });
  } finally {
    await proxy.stop();
  }
}

function row(label: string, cells: string[]): string {
  return `| ${label.padEnd(32)} | ${cells.map((cell) => cell.padStart(10)).join(' | ')} |`;
}

/**
 * The four-subgraph federation scenario against each gateway in turn, one process each, over the same
 * composed supergraph and subgraph processes. Every answer must equal the first gateway's byte for byte.
 */
async function runFederation(
  config: BenchConfig,
  workDir: string,
): Promise<{ targets: BenchTarget[]; failures: number }> {
  const ports = Object.fromEntries(
    await Promise.all(Object.keys(BENCH_SUBGRAPHS).map(async (name) => [name, await freePort()])),
  ) as Record<BenchSubgraphName, number>;
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
    const bare = await measureBareProxy(productsUrl, directAnswer, run);
    out(
      `${BARE_PROXY_LABEL}: small ${bare.requestsPerSecond.toFixed(0)} req/s p99 ${bare.p99} ms (load ${load1()})`,
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
      row(BARE_PROXY_LABEL, [
        '',
        '',
        '',
        bare.requestsPerSecond.toFixed(0),
        `${(bare.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}x`,
        '',
        String(bare.failures),
      ]),
    );
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

    const targets: BenchTarget[] = [];
    const ours = figures.find((f) => f.kind === 'holovitals');
    const rivals = figures.filter((f) => f.kind === 'tuned' || f.kind === 'hive');
    if (ours) {
      if (rivals.length > 0) {
        const best = rivals.reduce((a, b) => (a.deep.requestsPerSecond >= b.deep.requestsPerSecond ? a : b));
        const ratio = ours.deep.requestsPerSecond / best.deep.requestsPerSecond;
        targets.push({
          target: 'deep ≥ 1.1× the better of tuned stock and Hive',
          measured: `${ours.deep.requestsPerSecond.toFixed(0)} req/s = ${ratio.toFixed(2)}×`,
          baseline: `${GATEWAY_LABELS[best.kind]} ${best.deep.requestsPerSecond.toFixed(0)} req/s`,
          met: ratio >= 1.1,
        });
      }
      const tuned = figures.find((f) => f.kind === 'tuned');
      if (tuned)
        targets.push({
          target: "deep p99 ≤ tuned stock's",
          measured: `${ours.deep.p99} ms`,
          baseline: `tuned stock ${tuned.deep.p99} ms`,
          met: ours.deep.p99 <= tuned.deep.p99,
        });
      const smallRatio = ours.small.requestsPerSecond / direct.requestsPerSecond;
      targets.push(
        {
          target: 'small ≥ 0.5× products direct',
          measured: `${ours.small.requestsPerSecond.toFixed(0)} req/s = ${smallRatio.toFixed(2)}×`,
          baseline: `products direct ${direct.requestsPerSecond.toFixed(0)} req/s`,
          met: smallRatio >= 0.5,
        },
        {
          target: 'small: share of the bare-proxy ceiling (context)',
          measured: `${((100 * ours.small.requestsPerSecond) / bare.requestsPerSecond).toFixed(0)}% of it`,
          baseline: `bare proxy ${bare.requestsPerSecond.toFixed(0)} req/s = ${(bare.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}× direct`,
          met: null,
        },
        {
          target: 'gateway peak RSS under load ≤ 350 MB',
          measured: `${ours.peakRss.toFixed(0)} MB`,
          baseline: '350 MB',
          met: ours.peakRss <= 350,
        },
      );
    }
    const failures =
      figures.reduce((sum, f) => sum + f.deep.failures + f.small.failures, 0) +
      direct.failures +
      bare.failures;
    return { targets, failures };
  } finally {
    for (const started of processes.reverse()) await started.stop();
    await issuer.close();
  }
}

/** The standards subgraph's own bench (subgraphs/standards/bench/terminology.ts), run as it is; its targets come back in a file. */
async function runStandards(workDir: string): Promise<BenchTarget[]> {
  const file = join(workDir, 'standards-targets.json');
  const script = join(ROOT, 'subgraphs', 'standards', 'dist', 'bench', 'terminology.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, BENCH_RESULTS_FILE: file },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the standards bench exited with ${code}`);
  return readBenchTargets(file);
}

function printTargets(targets: BenchTarget[]): void {
  const width = (pick: (t: BenchTarget) => string, title: string) =>
    Math.max(title.length, ...targets.map((t) => pick(t).length));
  const w = [
    width((t) => t.target, 'target'),
    width((t) => t.measured, 'measured'),
    width((t) => t.baseline, 'baseline'),
    'result'.length,
  ];
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(w[i] ?? 0)).join(' | ')} |`;
  out(line(['target', 'measured', 'baseline', 'result']));
  out(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const t of targets)
    out(line([t.target, t.measured, t.baseline, t.met === null ? '—' : t.met ? 'MET' : 'MISS']));
}

/**
 * Every issue 11 figure in one run: the four-subgraph scenario against each gateway, the real stack (`me`,
 * the dashboard, idle RSS) and the standards targets, then one table of targets with their baselines.
 */
async function main(): Promise<void> {
  const config = loadBenchConfig();
  const startedAt = Date.now();
  out(`load average at start: ${load1()} (${process.env.HOSTNAME ?? 'this machine'}, 2 cores shared)`);
  const workDir = mkdtempSync(join(tmpdir(), 'hv-bench-federation-'));
  const targets: BenchTarget[] = [];
  let failures = 0;
  const loads: string[] = [];
  if (config.BENCH_PARTS.includes('federation')) {
    const result = await runFederation(config, workDir);
    targets.push(...result.targets);
    failures += result.failures;
    loads.push(`federation ${load1()}`);
  }
  if (config.BENCH_PARTS.includes('stack')) {
    out('');
    const result = await runStackScenarios({
      root: ROOT,
      workDir,
      connections: config.BENCH_CONNECTIONS,
      seconds: config.BENCH_SECONDS,
      warmupSeconds: WARMUP_SECONDS,
    });
    targets.push(...result.targets);
    failures += result.failures;
    loads.push(`stack ${load1()}`);
  }
  if (config.BENCH_PARTS.includes('standards')) {
    out('');
    targets.push(...(await runStandards(workDir)));
    loads.push(`standards ${load1()}`);
  }
  out('');
  out(`targets (issue 11), one run of ${((Date.now() - startedAt) / 60_000).toFixed(1)} min:`);
  printTargets(targets);
  out(`load average (1 min) after each part: ${loads.join(', ')}; 2 cores`);
  if (failures > 0)
    throw new Error(`${failures} requests failed or answered differently from the reference (see failures)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
