import type { DataSource } from 'typeorm';

/**
 * Turns a raw SQL row into an entity instance using TypeORM's column metadata, for queries TypeORM's builder
 * cannot express (window functions). pg already returns Date, number, boolean and parsed JSON for our column types.
 */
export function hydrateRow<T>(
  dataSource: DataSource,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function & { prototype: T },
  row: Record<string, unknown>,
): T {
  const metadata = dataSource.getMetadata(entity);
  const instance = metadata.create() as Record<string, unknown>;
  for (const column of metadata.columns) {
    instance[column.propertyName] = row[column.databaseName];
  }
  return instance as T;
}
