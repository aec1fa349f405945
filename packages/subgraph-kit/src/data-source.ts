import { eventMigrations } from '@holovitals/events';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { QueryCounter } from './query-counter';

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  poolSize?: number;
  /** Called for every statement that failed (a constraint, a lost connection, a timeout…). */
  onQueryError?: () => void;
}

export interface Database {
  dataSource: DataSource;
  queries: QueryCounter;
}

/** Opens the subgraph's own database; schema changes only ever come from migrations. */
export async function initDatabase(options: DatabaseOptions, runMigrations: boolean): Promise<Database> {
  const queries = new QueryCounter(options.onQueryError);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: [...eventMigrations, ...options.migrations],
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['query'],
    logger: queries,
    extra: { max: options.poolSize ?? 10 },
  });
  await dataSource.initialize();
  if (runMigrations) await dataSource.runMigrations();
  return { dataSource, queries };
}

export async function closeDatabase(database: Database): Promise<void> {
  if (database.dataSource.isInitialized) await database.dataSource.destroy();
}

/** True when every migration this build knows has been applied (readiness). */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
