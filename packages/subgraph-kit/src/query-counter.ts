import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts SQL statements per data source. Tests read it to prove that statement counts do not grow
 * with the number of rows returned (no N+1); metrics read it as a counter. Failed statements are also
 * handed to `onError` (the service's `database_errors_total`).
 */
export class QueryCounter implements TypeOrmLogger {
  private count = 0;

  constructor(private readonly onError: () => void = () => undefined) {}

  get total(): number {
    return this.count;
  }

  logQuery(): void {
    this.count += 1;
  }

  logQueryError(): void {
    this.onError();
  }

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
