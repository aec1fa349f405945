import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';

/** Providers by id for one request: a list of connections costs one provider query. */
export function ehrProviderLoader(ctx: RequestContext): DataLoader<string, EhrProviderEntity | null> {
  return ctx.loaders.get(
    'ehr-provider',
    () =>
      new DataLoader<string, EhrProviderEntity | null>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(EhrProviderEntity).findBy({ id: In([...ids]) });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}
