import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a statement that PostgreSQL parses once per connection and then only executes (a named prepared
 * statement): search statements are long CTEs whose parse and plan cost as much as executing an exact-code match.
 * TypeORM's `query` cannot name a statement, so this goes to its pg pool directly and reports to its logger the
 * way `query` does (statement counts in tests and metrics stay right).
 */
export async function runPreparedStatement<Row>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  dataSource.logger.logQuery(text, values);
  try {
    return (await pool.query<QueryResultRow>({ name, text, values })).rows as Row[];
  } catch (error) {
    dataSource.logger.logQueryError(error instanceof Error ? error : String(error), text, values);
    throw error;
  }
}
