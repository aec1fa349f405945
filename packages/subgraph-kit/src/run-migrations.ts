import { databaseSettings, loadConfig, runtimeSettings } from '@holovitals/config';
import { closeDatabase, initDatabase } from './data-source';
import type { SubgraphDefinition } from './define-subgraph';
import { createLogger } from './logger';

const migrateConfigShape = { ...runtimeSettings, ...databaseSettings };

/** What the migrate-only entry needs of a subgraph: its name, entities and migrations, nothing it serves. */
export type MigrationSource = Pick<SubgraphDefinition, 'name' | 'entities' | 'migrations'>;

/**
 * Applies the subgraph's pending migrations (the event outbox's included) and returns their names. It
 * needs only DATABASE_URL: a release step runs it before any new replica starts, with the services'
 * MIGRATIONS_RUN=false, so replicas never race to migrate.
 */
export async function runMigrations(
  definition: MigrationSource,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const config = loadConfig(`${definition.name} migrations`, migrateConfigShape, env);
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const database = await initDatabase(
    {
      url: config.DATABASE_URL,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize: 1,
    },
    false,
  );
  try {
    const applied = (await database.dataSource.runMigrations()).map((migration) => migration.name);
    logger.info({ applied }, `${definition.name}: ${applied.length} migration(s) applied`);
    return applied;
  } finally {
    await closeDatabase(database);
  }
}

/** For a subgraph's migrate.ts: apply its migrations and exit 0, or exit 1 with the reason. */
export function runMigrationsProcess(definition: MigrationSource): void {
  runMigrations(definition).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `${definition.name} migrations failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
