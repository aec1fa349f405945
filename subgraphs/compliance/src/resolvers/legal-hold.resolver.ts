import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { LegalHoldEntity } from '../entities/legal-hold.entity';
import { listLegalHolds, placeLegalHold, releaseLegalHold } from '../retention/legal-holds';
import { PlaceLegalHoldInput } from './types/place-legal-hold.input';

@Resolver(() => LegalHoldEntity)
export class LegalHoldResolver {
  @Authorized()
  @Query(() => [LegalHoldEntity], { description: 'Legal holds, newest first (ADMIN only; audited).' })
  legalHolds(
    @Ctx() ctx: RequestContext,
    @Arg('includeReleased', { defaultValue: false, description: 'Also list released holds.' })
    includeReleased: boolean,
  ): Promise<LegalHoldEntity[]> {
    return listLegalHolds(ctx, includeReleased);
  }

  @Authorized()
  @Mutation(() => LegalHoldEntity, {
    description:
      'Keeps every audit entry of a patient and/or an actor from retention purges (ADMIN only; audited).',
  })
  placeLegalHold(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PlaceLegalHoldInput, { description: 'Whom to hold, and why.' })
    input: PlaceLegalHoldInput,
  ): Promise<LegalHoldEntity> {
    return placeLegalHold(ctx, input);
  }

  @Authorized()
  @Mutation(() => LegalHoldEntity, { description: 'Ends a legal hold (ADMIN only; audited).' })
  releaseLegalHold(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Hold id.' }) id: string,
  ): Promise<LegalHoldEntity> {
    return releaseLegalHold(ctx, id);
  }
}
