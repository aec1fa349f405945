import type { RequestContext } from '@holovitals/subgraph-kit';
import type { UserEntity } from '../entities/user.entity';
import { userLoader } from '../loaders/user.loader';

export function resolveUserReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<UserEntity | null> {
  return userLoader(ctx).load(String(reference.id));
}
