import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { decodeCursor, encodeCursor } from './list-cursor';
import { RECORD_LIST_SPECS, type EntityByListKind, type ListKind } from './record-list-specs';
import { hydrateRow } from './row-hydration';

export type SortDirection = 'ASC' | 'DESC';

/** Extra conditions a list accepts; each is optional and they combine with AND. */
export interface RecordListFilter {
  code?: string | null;
  category?: string | null;
  from?: Date | null;
  to?: Date | null;
  resourceType?: string | null;
}

export interface RecordListArgs {
  first: number;
  after: string | null;
  order: SortDirection;
  filter: RecordListFilter;
}

/** One page of one patient's list. */
export interface RecordPage<T> {
  items: { node: T; cursor: string }[];
  hasNextPage: boolean;
}

function listSql(kind: ListKind, args: RecordListArgs, params: unknown[]): string {
  const { table, sortColumn } = RECORD_LIST_SPECS[kind];
  // Nulls sort last either way; filling them with ±infinity makes the keyset comparison a plain row comparison.
  const fill = args.order === 'DESC' ? `'-infinity'` : `'infinity'`;
  const sortKey = `COALESCE(t.${sortColumn}, ${fill}::timestamptz)`;
  const conditions = ['t.patient_id = ANY($1::uuid[])'];
  const add = (sql: (n: number) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(params.length));
  };
  const { filter } = args;
  if (filter.code) add((n) => `t.code = $${n}`, filter.code);
  if (filter.category) add((n) => `t.category = $${n}`, filter.category);
  if (filter.from) add((n) => `t.${sortColumn} >= $${n}`, filter.from);
  if (filter.to) add((n) => `t.${sortColumn} <= $${n}`, filter.to);
  if (filter.resourceType) add((n) => `t.resource_type = $${n}`, filter.resourceType);
  if (args.after !== null) {
    const position = decodeCursor(args.after);
    params.push(position.sortValue, position.id);
    const op = args.order === 'DESC' ? '<' : '>';
    conditions.push(`(${sortKey}, t.id) ${op} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(args.first + 1);
  return `
    SELECT * FROM (
      SELECT t.*, ${sortKey}::text AS sort_value,
             row_number() OVER (PARTITION BY t.patient_id ORDER BY ${sortKey} ${args.order}, t.id ${args.order}) AS rn
        FROM ${table} t
       WHERE ${conditions.join(' AND ')}
    ) page
    WHERE page.rn <= $${params.length}
    ORDER BY page.patient_id, page.rn`;
}

/**
 * Pages of a record list for many patients in one query (a window per patient), so `patients { observations }`
 * costs one statement whatever the number of patients. One loader per distinct argument set.
 */
export function recordListLoader<K extends ListKind>(
  ctx: RequestContext,
  kind: K,
  args: RecordListArgs,
): DataLoader<string, RecordPage<EntityByListKind[K]>> {
  return ctx.loaders.get(
    `record-list:${kind}:${JSON.stringify(args)}`,
    () =>
      new DataLoader<string, RecordPage<EntityByListKind[K]>>(async (patientIds) => {
        const params: unknown[] = [patientIds];
        const rows = (await ctx.dataSource.query(listSql(kind, args, params), params)) as Record<
          string,
          unknown
        >[];
        const pages = new Map<string, RecordPage<EntityByListKind[K]>>(
          patientIds.map((id) => [id, { items: [], hasNextPage: false }]),
        );
        const spec = RECORD_LIST_SPECS[kind];
        for (const row of rows) {
          const page = pages.get(row.patient_id as string);
          if (page === undefined) continue;
          if (page.items.length === args.first) {
            page.hasNextPage = true;
            continue;
          }
          page.items.push({
            node: hydrateRow(ctx.dataSource, spec.entity, row),
            cursor: encodeCursor({ sortValue: row.sort_value as string, id: row.id as string }),
          });
        }
        return patientIds.map((id) => pages.get(id) ?? { items: [], hasNextPage: false });
      }),
  );
}
