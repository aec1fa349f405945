import { type RequestContext, requireUser } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { type CachedContext, readContextFor, storeContextFor } from '../context/context-operations';
import { ContextEntryType, ContextTierKind, StoreContextInput } from './types/context-entry.type';

type Ctx = RequestContext<AnalysisServices>;

const toType = (cached: CachedContext): ContextEntryType => ({
  id: cached.entry.id,
  patientId: cached.entry.patientId,
  text: cached.text,
  identifiersRemoved: cached.entry.identifiersRemoved,
  importance: cached.entry.importance,
  tier: ContextTierKind[cached.tier],
  createdAt: cached.entry.createdAt,
  expiresAt: cached.entry.expiresAt,
});

@Resolver(() => ContextEntryType)
export class ContextEntryResolver {
  @Mutation(() => ContextEntryType, {
    description:
      'Caches context about a patient for model calls (the patient or ADMIN): identifiers are removed first, then it is encrypted into Redis and PostgreSQL.',
  })
  async storeContext(
    @Arg('input', () => StoreContextInput) input: StoreContextInput,
    @Ctx() ctx: Ctx,
  ): Promise<ContextEntryType> {
    return toType(await storeContextFor(ctx, requireUser(ctx), input));
  }

  @Query(() => ContextEntryType, {
    description:
      'A cached context (whoever stored it, the patient, ADMIN); NOT_FOUND otherwise or once expired.',
  })
  async context(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<ContextEntryType> {
    return toType(await readContextFor(ctx, requireUser(ctx), id));
  }
}
