import 'reflect-metadata';
import { closeDatabase, initDatabase, type Database } from '@holovitals/subgraph-kit';
import { createTestDatabase } from '@holovitals/testing';
import type { EntityManager } from 'typeorm';
import { patientEntities, patientMigrations } from '../src/database-schema';
import { readBundleEntries } from '../src/fhir/bundle-entries';
import { planBundleImport } from '../src/fhir/bundle-import-plan';
import { RECORD_KINDS } from '../src/fhir/record-kinds';
import { importBundleIntoPatient } from '../src/import/fhir-bundle-import';
import { upsertFhirResources } from '../src/import/fhir-resource-upsert';
import { upsertRecords } from '../src/import/record-upsert';
import { readSynthea, syntheaAllFiles } from '../test/support/synthea-fixtures';

// Imports every shared Synthea bundle three ways on a fresh database:
//   set-based   the product path (one upsert statement per table and bundle),
//   unchanged   the same bundles again (must write 0 rows),
//   row-by-row  baseline: the same plan written one INSERT … ON CONFLICT per row,
//   parallel    the product path with several bundles imported at once (separate transactions).
// Usage: npm run bench:fhir-import [-- --runs=3]

const limits = { maxBundleBytes: 50_000_000 };
/** Imports in flight for the parallel line: a server imports several users' bundles at once. */
const CONCURRENCY = 4;

interface RunResult {
  resources: number;
  seconds: number;
  rowsWritten: number;
}

function line(label: string, run: RunResult): string {
  const rate = Math.round(run.resources / run.seconds);
  return `${label.padEnd(24)} ${String(run.resources).padStart(6)} resources  ${run.seconds.toFixed(3).padStart(7)} s  ${String(rate).padStart(7)} resources/s  ${String(run.rowsWritten).padStart(6)} rows written\n`;
}

async function newPatient(database: Database): Promise<string> {
  const rows = (await database.dataSource.query(`INSERT INTO patient DEFAULT VALUES RETURNING id`)) as {
    id: string;
  }[];
  return rows[0].id;
}

/** Imports every bundle into its own patient, `concurrency` imports in flight (each its own transaction). */
async function setBased(
  database: Database,
  bundles: unknown[],
  patientIds: string[],
  concurrency = 1,
): Promise<RunResult> {
  const started = process.hrtime.bigint();
  let resources = 0;
  let rowsWritten = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bundles.length) {
      const i = next;
      next += 1;
      const summary = await database.dataSource.transaction((manager) =>
        importBundleIntoPatient(manager, patientIds[i], bundles[i], limits),
      );
      resources += summary.created + summary.updated + summary.unchanged;
      rowsWritten += summary.rowsWritten;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return { resources, seconds: Number(process.hrtime.bigint() - started) / 1e9, rowsWritten };
}

async function rowByRowBundle(
  manager: EntityManager,
  patientId: string,
  bundle: unknown,
): Promise<[number, number]> {
  const plan = planBundleImport(readBundleEntries(bundle), new Map(), null);
  let written = 0;
  for (const resource of plan.resources) {
    const counts = await upsertFhirResources(manager, patientId, [resource]);
    written += counts.inserted + counts.updated;
  }
  for (const kind of RECORD_KINDS) {
    for (const record of plan.records.filter((r) => r.record.kind === kind)) {
      const counts = await upsertRecords(manager, kind, patientId, [record]);
      written += counts.inserted + counts.updated;
    }
  }
  return [plan.resources.length, written];
}

async function rowByRow(database: Database, bundles: unknown[], patientIds: string[]): Promise<RunResult> {
  const started = process.hrtime.bigint();
  let resources = 0;
  let rowsWritten = 0;
  for (const [i, bundle] of bundles.entries()) {
    const [count, written] = await database.dataSource.transaction((manager) =>
      rowByRowBundle(manager, patientIds[i], bundle),
    );
    resources += count;
    rowsWritten += written;
  }
  return { resources, seconds: Number(process.hrtime.bigint() - started) / 1e9, rowsWritten };
}

async function main(): Promise<void> {
  const runs = Number(/--runs=(\d+)/.exec(process.argv.join(' '))?.[1] ?? '1');
  const files = syntheaAllFiles();
  const bundles = files.map((file) => readSynthea(file));
  const testDatabase = await createTestDatabase('patient_bench');
  const database = await initDatabase(
    { url: testDatabase.url, entities: patientEntities, migrations: patientMigrations },
    true,
  );
  try {
    process.stdout.write(
      `FHIR import bench: ${files.length} Synthea bundles, ${runs} run(s), database ${testDatabase.name}\n`,
    );
    // Warm the connection pool, statement paths and JIT on a throwaway record.
    await setBased(database, bundles.slice(0, 1), [await newPatient(database)]);
    let unchangedWrites = 0;
    for (let run = 1; run <= runs; run += 1) {
      const setPatients = await Promise.all(bundles.map(() => newPatient(database)));
      const rowPatients = await Promise.all(bundles.map(() => newPatient(database)));
      const parallelPatients = await Promise.all(bundles.map(() => newPatient(database)));
      const first = await setBased(database, bundles, setPatients);
      const again = await setBased(database, bundles, setPatients);
      const parallel = await setBased(database, bundles, parallelPatients, CONCURRENCY);
      const baseline = await rowByRow(database, bundles, rowPatients);
      unchangedWrites += again.rowsWritten;
      process.stdout.write(`run ${run}\n`);
      process.stdout.write(line('  set-based import', first));
      process.stdout.write(line('  unchanged re-import', again));
      process.stdout.write(line('  row-by-row baseline', baseline));
      process.stdout.write(line(`  set-based, ${CONCURRENCY} parallel`, parallel));
      process.stdout.write(
        `  speed-up set-based / row-by-row: ${(first.resources / first.seconds / (baseline.resources / baseline.seconds)).toFixed(1)}x\n`,
      );
    }
    process.stdout.write(`rows written by unchanged re-imports: ${unchangedWrites} (must be 0)\n`);
    if (unchangedWrites !== 0) process.exitCode = 1;
  } finally {
    await closeDatabase(database);
    await testDatabase.drop();
  }
}

void main();
