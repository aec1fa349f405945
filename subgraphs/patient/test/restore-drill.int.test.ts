import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeDatabase, initDatabase, runMigrations, type Database } from '@holovitals/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientEntities, patientMigrations } from '../src/database-schema';
import { importBundleIntoPatient } from '../src/import/fhir-bundle-import';
import { readSynthea } from './support/synthea-fixtures';

const run = promisify(execFile);
const ABDUL = 'Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json';
const patientSchema = { name: 'patient', entities: patientEntities, migrations: patientMigrations };

/** Every table's row count and a digest of its rows in a stable order: equal fingerprints, equal data. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const tables = (await database.dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )) as { table_name: string }[];
  const result: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = (await database.dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
         FROM "${table}" t`,
    )) as { n: number; digest: string }[];
    result[table] = `${row.n}:${row.digest}`;
  }
  return result;
}

// The restore drill deploy/README.md describes, on throwaway databases: migrate with the migrate-only entry,
// fill with a real record, dump with pg_dump, restore into a new database with pg_restore, compare.
describe('backup and restore drill (patient database)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let workDir: string;
  let sourceDb: Database;
  let patientId: string;

  beforeAll(async () => {
    source = await createTestDatabase('restore_drill_source');
    target = await createTestDatabase('restore_drill_target');
    workDir = await mkdtemp(join(tmpdir(), 'hv-restore-drill-'));
  });

  afterAll(async () => {
    if (sourceDb) await closeDatabase(sourceDb);
    await source?.drop();
    await target?.drop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('migrates an empty database once; a second run applies nothing', async () => {
    const applied = await runMigrations(patientSchema, { DATABASE_URL: source.url });
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toContain('CreatePatient1764100000000');
    expect(await runMigrations(patientSchema, { DATABASE_URL: source.url })).toEqual([]);
  });

  it('restores a dump into a new database with every row, and the restored database needs no migration', async () => {
    sourceDb = await initDatabase(
      { url: source.url, entities: patientEntities, migrations: patientMigrations },
      false,
    );
    const [patient] = (await sourceDb.dataSource.query(
      `INSERT INTO patient DEFAULT VALUES RETURNING id`,
    )) as {
      id: string;
    }[];
    patientId = patient.id;
    await sourceDb.dataSource.transaction((manager) =>
      importBundleIntoPatient(manager, patientId, readSynthea(ABDUL), { maxBundleBytes: 5_000_000 }),
    );
    const before = await fingerprint(sourceDb);
    expect(before.observation).toMatch(/^94:/);
    expect(before.fhir_resource).toMatch(/^180:/);

    const dumpFile = join(workDir, 'patient.dump');
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${dumpFile}`,
      source.url,
    ]);
    expect((await stat(dumpFile)).size).toBeGreaterThan(0);
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${target.url}`,
      dumpFile,
    ]);

    const restored = await initDatabase(
      { url: target.url, entities: patientEntities, migrations: patientMigrations },
      false,
    );
    try {
      expect(await fingerprint(restored)).toEqual(before);
      const rows = (await restored.dataSource.query(`SELECT family_name FROM patient WHERE id = $1`, [
        patientId,
      ])) as { family_name: string }[];
      expect(rows).toEqual([{ family_name: 'Koepp' }]);
      // The restored database takes new writes (sequences and defaults came along).
      const [fresh] = (await restored.dataSource.query(
        `INSERT INTO patient DEFAULT VALUES RETURNING id`,
      )) as {
        id: string;
      }[];
      expect(fresh.id).not.toBe(patientId);
    } finally {
      await closeDatabase(restored);
    }
    expect(await runMigrations(patientSchema, { DATABASE_URL: target.url })).toEqual([]);
  });
});
