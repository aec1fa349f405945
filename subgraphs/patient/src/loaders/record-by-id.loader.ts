import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { In, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { RECORD_LIST_SPECS, type EntityByListKind, type ListKind } from './record-list-specs';

/** Records of one kind by id (federation references, updates), one query per request and kind. */
export function recordByIdLoader<K extends ListKind>(
  ctx: RequestContext,
  kind: K,
): DataLoader<string, EntityByListKind[K] | null> {
  return ctx.loaders.get(
    `record-by-id:${kind}`,
    () =>
      new DataLoader<string, EntityByListKind[K] | null>(async (ids) => {
        const repository = ctx.dataSource.getRepository<EntityByListKind[K] & ObjectLiteral>(
          RECORD_LIST_SPECS[kind].entity,
        );
        const rows = await repository.findBy({ id: In([...ids]) } as FindOptionsWhere<EntityByListKind[K]>);
        const byId = new Map(rows.map((row) => [row.id as string, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}
