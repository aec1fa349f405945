import { closeDatabase, initDatabase, type Database } from '@holovitals/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { patientEntities, patientMigrations } from '../../src/database-schema';

export interface ImportDatabase {
  database: Database;
  /** Creates an empty patient record and returns its id. */
  createPatient(): Promise<string>;
  /** Rows in a table for one patient. */
  count(table: string, patientId: string): Promise<number>;
  stop(): Promise<void>;
}

/** The patient schema, migrated, on a fresh database of its own. */
export async function startImportDatabase(label: string): Promise<ImportDatabase> {
  const testDatabase: TestDatabase = await createTestDatabase(label);
  const database = await initDatabase(
    { url: testDatabase.url, entities: patientEntities, migrations: patientMigrations },
    true,
  );
  return {
    database,
    createPatient: async () => {
      const rows = (await database.dataSource.query(`INSERT INTO patient DEFAULT VALUES RETURNING id`)) as {
        id: string;
      }[];
      return rows[0].id;
    },
    count: async (table, patientId) => {
      const rows = (await database.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE patient_id = $1`,
        [patientId],
      )) as { n: number }[];
      return rows[0].n;
    },
    stop: async () => {
      await closeDatabase(database);
      await testDatabase.drop();
    },
  };
}
