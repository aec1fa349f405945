import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

/** Users by id, one query per request however many are asked for. */
export function userLoader(ctx: RequestContext): DataLoader<string, UserEntity | null> {
  return ctx.loaders.get(
    'user-by-id',
    () =>
      new DataLoader<string, UserEntity | null>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(UserEntity).findBy({ id: In([...ids]) });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}
