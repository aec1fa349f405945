/*
 * Terminology benchmark: loads ≥ 100k concepts (the starter vocabulary plus synthetic rows, labelled
 * `properties.synthetic = true` and displays starting with "SYNTHETIC"), then measures in one run:
 *   1. ranked searchCodes p50/p95 against a naive ILIKE query over the same queries;
 *   2. standardizeLabResults on a 10k batch against standardizing the same results one by one.
 * Uses its own throwaway database (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CodeSystem,
  DatabaseLabConcepts,
  InMemoryLabConcepts,
  LabStandardizer,
  LayeredLabConcepts,
  searchCodes,
  seedStarterVocabulary,
  standardsSubgraph,
  standardsMigrations,
  starterVocabulary,
  upsertConcepts,
  type ConceptRecord,
  type LabResultInput,
} from '@holovitals/standards';
import { Role } from '@holovitals/subgraph-kit';
import { startTestIssuer, startTestSubgraph, writeBenchTargets, type BenchTarget } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SYNTHETIC_CONCEPTS = Number(process.env['BENCH_CONCEPTS'] ?? 100_000);
const BATCH = 10_000;
const SYSTEMS = [CodeSystem.LOINC, CodeSystem.SNOMED_CT, CodeSystem.ICD_10_CM, CodeSystem.CPT];

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Deterministic pseudo-random numbers, so every run searches the same data. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function syntheticConcepts(count: number): ConceptRecord[] {
  const words = [
    ...new Set(
      starterVocabulary()
        .flatMap((concept) => concept.display.toLowerCase().split(/[^a-z]+/))
        .filter((word) => word.length > 3),
    ),
  ];
  const random = generator(42);
  const pick = (): string => words[Math.floor(random() * words.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const length = 3 + Math.floor(random() * 5);
    const display = `SYNTHETIC ${Array.from({ length }, pick).join(' ')}`;
    return {
      system: SYSTEMS[index % SYSTEMS.length]!,
      code: `S${String(index).padStart(7, '0')}`,
      display,
      synonyms: [],
      properties: { synthetic: true },
      status: 'active',
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const CLOCK_TICK_MS = 10;

/**
 * CPU time (ms) used so far by the PostgreSQL client backends of this database (not autovacuum), from /proc (the bench's server is
 * local); null where /proc cannot be read. Unlike wall time it hardly moves with the machine's load, so it shows
 * what a change saves when other work shares the CPUs.
 */
async function postgresCpuMs(dataSource: DataSource): Promise<number | null> {
  const backends = (await dataSource.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
  )) as { pid: number }[];
  try {
    return backends.reduce((total, { pid }) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return total + (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
    }, 0);
  } catch {
    return null;
  }
}

interface QueryTimes {
  p50: number;
  p95: number;
  /** PostgreSQL CPU per query (ms), null when not measurable. */
  cpu: number | null;
}

async function timeQueries(
  dataSource: DataSource,
  queries: string[],
  run: (text: string) => Promise<unknown>,
): Promise<QueryTimes> {
  for (const text of queries.slice(0, 20)) await run(text);
  const times: number[] = [];
  const cpuBefore = await postgresCpuMs(dataSource);
  for (const text of queries) {
    const start = performance.now();
    await run(text);
    times.push(performance.now() - start);
  }
  const cpuAfter = await postgresCpuMs(dataSource);
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    cpu: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / queries.length,
  };
}

function describe(times: QueryTimes, baseline: QueryTimes): string {
  const cpu = times.cpu === null ? 'n/a' : `${times.cpu.toFixed(2)} ms`;
  return `p50 ${times.p50.toFixed(2)} ms  p95 ${times.p95.toFixed(2)} ms  (${(times.p95 / baseline.p95).toFixed(3)}× the naive p95; PostgreSQL CPU/query ${cpu})`;
}

function labInputs(): LabResultInput[] {
  const observations = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'synthea', 'observations.json'), 'utf8'),
  ) as { codeSystem: string; code: string; display: string; value: number | null; unit: string | null }[];
  const byName: LabResultInput[] = [
    { name: 'Hgb', value: 13.5, unit: 'g/dL', referenceLow: 12, referenceHigh: 16 },
    { name: 'blood glucose', value: 6.1, unit: 'mmol/L', referenceLow: 3.9, referenceHigh: 5.6 },
    { name: 'Systolic blood pressure', value: 128, unit: 'mmHg' },
    { name: 'Body weight', value: 160, unit: 'lbs' },
    { name: 'WBC', value: 7.1, unit: 'K/uL', referenceLow: 4, referenceHigh: 11 },
  ];
  return Array.from({ length: BATCH }, (_, index) => {
    if (index % 5 === 4) return byName[index % byName.length]!;
    const row = observations[index % observations.length]!;
    return { code: row.code, system: row.codeSystem, name: row.display, value: row.value, unit: row.unit };
  });
}

/**
 * The same 10k batch as a `standardizeLabResults` GraphQL request to a running standards subgraph (own database,
 * local token issuer), so JSON parsing, input coercion and response serialization are counted. Median of 5 after a
 * warm-up request.
 */
async function printGraphqlThroughput(inputs: LabResultInput[], functionMs: number): Promise<number> {
  const issuer = await startTestIssuer();
  const prefix = `bench:standards:${randomBytes(4).toString('hex')}:`;
  const subgraph = await startTestSubgraph(standardsSubgraph, {
    issuer,
    env: {
      STANDARDS_CACHE_PREFIX: prefix,
      EVENTS_ENABLED: 'false',
      MAX_REQUEST_BYTES: String(8 * 1024 * 1024),
    },
  });
  try {
    const token = await issuer.token({ sub: 'bench', roles: [Role.CLINICIAN] });
    const query = `query($inputs: [LabResultInput!]!) { standardizeLabResults(inputs: $inputs) {
      loincCode loincDisplay confidence unit normalizedValue normalizedUnit flag warnings } }`;
    const runs: number[] = [];
    let cpuMs = 0;
    for (let round = 0; round < 6; round += 1) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const response = await subgraph.graphql<{ standardizeLabResults: unknown[] }>(
        query,
        { inputs },
        { token },
      );
      if (response.body.data?.standardizeLabResults.length !== inputs.length) {
        throw new Error(`standardizeLabResults failed: ${JSON.stringify(response.body.errors)}`);
      }
      if (round > 0) {
        runs.push(performance.now() - start);
        const cpu = process.cpuUsage(cpuStart);
        cpuMs += (cpu.user + cpu.system) / 1000;
      }
    }
    const median = [...runs].sort((a, b) => a - b)[2]!;
    print(
      `  via GraphQL (subgraph over HTTP, median of 5)  ${((inputs.length / median) * 1000).toFixed(0)} results/s (${median.toFixed(0)} ms, ${(median / functionMs).toFixed(1)}× the one-batch function; client + subgraph CPU ${(cpuMs / runs.length).toFixed(0)} ms per request)`,
    );
    return (inputs.length / median) * 1000;
  } finally {
    await subgraph.stop();
    await issuer.stop();
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const name = `hv_bench_standards_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: url.toString(),
    migrations: standardsMigrations,
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const loadStart = performance.now();
    await seedStarterVocabulary(dataSource);
    const synthetic = syntheticConcepts(SYNTHETIC_CONCEPTS);
    for (let start = 0; start < synthetic.length; start += 5000) {
      await upsertConcepts(dataSource.manager, synthetic.slice(start, start + 5000), 'replace');
    }
    await dataSource.query('VACUUM (ANALYZE) code_concept');
    const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM code_concept')) as [
      { n: number },
    ];
    print(
      `loaded ${n} concepts (${SYNTHETIC_CONCEPTS} synthetic) in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );

    const queries: Record<string, string[]> = {
      codes: ['2339-0', '718-7', 'E11.9', 'I10', '4474', 'S00001', 'E11', '8480', '55284-4', 'S0099'],
      words: [
        'glucose',
        'hemoglobin',
        'cholesterol',
        'diabetes',
        'hypertension',
        'pneumonia',
        'blood pressure',
        'body mass index',
        'hemoglobin a1c',
        'platelet count',
        'chronic kidney',
        'asthma',
        'vaccine',
        'influenza',
      ],
      typos: [
        'hemoglbin',
        'cholestrol',
        'diabetis',
        'hypertenshun',
        'pnuemonia',
        'glucse',
        'platelts',
        'astma',
      ],
    };
    const all = Object.values(queries).flat();
    const rounds = (list: string[]): string[] => [...list, ...list, ...list, ...list, ...list];
    const ranked = await timeQueries(dataSource, rounds(all), (text) =>
      searchCodes(dataSource, null, text, 20),
    );
    const naive = await timeQueries(dataSource, rounds(all), (text) =>
      dataSource.query(
        `SELECT system, code, display FROM code_concept WHERE code ILIKE $1 OR display ILIKE $1 OR array_to_string(synonyms, ' ') ILIKE $1 ORDER BY display LIMIT 20`,
        [`%${text}%`],
      ),
    );
    print(`search, ${all.length} queries × 5 over ${n} concepts (first: 20, all systems):`);
    print(`  ranked searchCodes  ${describe(ranked, naive)}`);
    const kinds: Record<string, QueryTimes> = {};
    for (const [kind, list] of Object.entries(queries)) {
      const times = await timeQueries(dataSource, rounds(list), (text) =>
        searchCodes(dataSource, null, text, 20),
      );
      kinds[kind] = times;
      print(`    ${kind.padEnd(6)}           ${describe(times, naive)}`);
    }
    print(`  naive ILIKE         ${describe(naive, naive)} (finds no typos)`);
    // The issue 11 targets, handed to `npm run bench:gateway` (BENCH_RESULTS_FILE) for its one table.
    const targets: BenchTarget[] = Object.entries(kinds).map(([kind, times]) => ({
      target: `standards search p95 < 10 ms, ${kind}, ≥ 100k concepts`,
      measured: `${times.p95.toFixed(1)} ms`,
      baseline: `naive ILIKE p95 ${naive.p95.toFixed(1)} ms, ${n} concepts`,
      met: times.p95 < 10 && n >= 100_000,
    }));

    const inputs = labInputs();
    const concepts = (): LayeredLabConcepts =>
      new LayeredLabConcepts(
        new InMemoryLabConcepts(starterVocabulary()),
        new DatabaseLabConcepts(dataSource),
      );
    const batchRuns: number[] = [];
    const singleRuns: number[] = [];
    let mapped = 0;
    // Three rounds, each with fresh standardizers (no warm conversion or unit caches carried over); median reported.
    for (let round = 0; round < 3; round += 1) {
      const batchStandardizer = new LabStandardizer(concepts());
      const batchStart = performance.now();
      const results = await batchStandardizer.standardize(inputs);
      batchRuns.push(performance.now() - batchStart);
      mapped = results.filter((result) => result.concept !== null).length;
      const oneByOne = new LabStandardizer(concepts());
      const singleStart = performance.now();
      for (const input of inputs) await oneByOne.standardize([input]);
      singleRuns.push(performance.now() - singleStart);
    }
    const median = (runs: number[]): number => [...runs].sort((a, b) => a - b)[1]!;
    print(`standardizeLabResults, ${BATCH} results (${mapped} mapped to LOINC), median of 3:`);
    print(
      `  one batch   ${((BATCH / median(batchRuns)) * 1000).toFixed(0)} results/s (${median(batchRuns).toFixed(0)} ms)`,
    );
    print(
      `  one by one  ${((BATCH / median(singleRuns)) * 1000).toFixed(0)} results/s (${median(singleRuns).toFixed(0)} ms)`,
    );
    const overHttp = await printGraphqlThroughput(inputs, median(batchRuns));
    targets.push({
      target: `standards ${BATCH / 1000}k batch over GraphQL/HTTP ≥ 20k results/s`,
      measured: `${overHttp.toFixed(0)} results/s`,
      baseline: `one-batch function ${((BATCH / median(batchRuns)) * 1000).toFixed(0)} results/s`,
      met: overHttp >= 20_000,
    });
    writeBenchTargets(targets);
    print(
      `load average during the run: ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} (${cpus().length} CPUs)`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
