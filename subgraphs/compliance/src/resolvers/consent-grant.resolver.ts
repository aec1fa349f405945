import { requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { grantConsent, revokeConsent } from '../consent/consent-grants';
import { ConsentGrantEntity } from '../entities/consent-grant.entity';
import { consentPartyLoader } from '../loaders/consent-party.loader';
import { ConsentParty } from './types/consent-party.type';
import { GrantConsentInput } from './types/grant-consent.input';

@Resolver(() => ConsentGrantEntity)
export class ConsentGrantResolver {
  @Authorized()
  @Mutation(() => ConsentGrantEntity, {
    description: 'Grants another verified user access to the caller’s patient record.',
  })
  grantConsent(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => GrantConsentInput, { description: 'Who, what, why and until when.' })
    input: GrantConsentInput,
  ): Promise<ConsentGrantEntity> {
    return grantConsent(ctx, input);
  }

  @Authorized()
  @Mutation(() => ConsentGrantEntity, {
    description: 'Revokes one of the caller’s grants; the next read is denied.',
  })
  revokeConsent(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Grant id.' }) id: string,
  ): Promise<ConsentGrantEntity> {
    return revokeConsent(ctx, id);
  }

  @Authorized()
  @Query(() => [ConsentGrantEntity], { description: 'Grants the caller made, newest first.' })
  myConsents(@Ctx() ctx: RequestContext): Promise<ConsentGrantEntity[]> {
    const principal = requireUser(ctx);
    return ctx.dataSource
      .getRepository(ConsentGrantEntity)
      .find({ where: { grantorUserId: principal.id }, order: { createdAt: 'DESC' } });
  }

  @Authorized()
  @Query(() => [ConsentGrantEntity], { description: 'Grants other users made to the caller, newest first.' })
  consentsGrantedToMe(@Ctx() ctx: RequestContext): Promise<ConsentGrantEntity[]> {
    const principal = requireUser(ctx);
    return ctx.dataSource
      .getRepository(ConsentGrantEntity)
      .find({ where: { granteeUserId: principal.id }, order: { createdAt: 'DESC' } });
  }

  @FieldResolver(() => ConsentParty, {
    nullable: true,
    description: 'Who received access (only grantor and grantee ever see a grant).',
  })
  grantee(@Root() grant: ConsentGrantEntity, @Ctx() ctx: RequestContext): Promise<ConsentParty | null> {
    return consentPartyLoader(ctx).load(grant.granteeUserId);
  }

  @FieldResolver(() => ConsentParty, {
    nullable: true,
    description: 'Who granted access: the patient whose record it is.',
  })
  grantor(@Root() grant: ConsentGrantEntity, @Ctx() ctx: RequestContext): Promise<ConsentParty | null> {
    return consentPartyLoader(ctx).load(grant.grantorUserId);
  }
}
