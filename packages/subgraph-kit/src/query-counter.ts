import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts SQL statements per data source. Tests read it to prove that statement counts do not grow
 * with the number of rows returned (no N+1); metrics read it as a counter.
 */
export class QueryCounter implements TypeOrmLogger {
  private count = 0;

  get total(): number {
    return this.count;
  }

  logQuery(): void {
    this.count += 1;
  }

  logQueryError(): void {}

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
