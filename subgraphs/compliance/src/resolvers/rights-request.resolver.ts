import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { RightsRequestEntity } from '../entities/rights-request.entity';
import {
  closeRightsRequest,
  extendRightsRequest,
  fileRightsRequest,
  listRightsRequests,
  myRightsRequests,
} from '../rights/rights-requests';
import { RightsRequestStatus } from '../rights/rights-vocabulary';
import { FileRightsRequestInput } from './types/file-rights-request.input';
import { RightsRequestPage } from './types/rights-request-page.type';

@Resolver(() => RightsRequestEntity)
export class RightsRequestResolver {
  @Authorized()
  @Mutation(() => RightsRequestEntity, {
    description: 'Files a privacy rights request; due 30 days from now.',
  })
  fileRightsRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => FileRightsRequestInput, { description: 'Which right, and what is asked.' })
    input: FileRightsRequestInput,
  ): Promise<RightsRequestEntity> {
    return fileRightsRequest(ctx, input);
  }

  @Authorized()
  @Query(() => [RightsRequestEntity], { description: 'The rights requests the caller filed, newest first.' })
  myRightsRequests(@Ctx() ctx: RequestContext): Promise<RightsRequestEntity[]> {
    return myRightsRequests(ctx);
  }

  @Authorized()
  @Query(() => RightsRequestPage, { description: 'Rights requests to work, soonest due first (ADMIN only).' })
  rightsRequests(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => RightsRequestStatus, {
      nullable: true,
      description: 'Only this status; all when null.',
    })
    status: RightsRequestStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
  ): Promise<RightsRequestPage> {
    return listRightsRequests(ctx, { status: status ?? null, first, after: after ?? null });
  }

  @Authorized()
  @Mutation(() => RightsRequestEntity, {
    description: 'Takes the one documented 30-day extension of an open request (ADMIN only).',
  })
  extendRightsRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Request id.' }) id: string,
    @Arg('reason', { description: 'Why more time is needed; told to the patient.' }) reason: string,
  ): Promise<RightsRequestEntity> {
    return extendRightsRequest(ctx, id, reason);
  }

  @Authorized()
  @Mutation(() => RightsRequestEntity, { description: 'Closes a request as done (ADMIN only).' })
  completeRightsRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Request id.' }) id: string,
    @Arg('resolution', { description: 'What was done for the patient.' }) resolution: string,
  ): Promise<RightsRequestEntity> {
    return closeRightsRequest(ctx, id, RightsRequestStatus.COMPLETED, resolution);
  }

  @Authorized()
  @Mutation(() => RightsRequestEntity, { description: 'Refuses a request, with the reason (ADMIN only).' })
  denyRightsRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Request id.' }) id: string,
    @Arg('reason', { description: 'Why the request is denied; told to the patient.' }) reason: string,
  ): Promise<RightsRequestEntity> {
    return closeRightsRequest(ctx, id, RightsRequestStatus.DENIED, reason);
  }
}
