import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ComplianceServices } from '../config';
import { IdentityChallengeEntity } from '../entities/identity-challenge.entity';
import { startIdentityChallenge, verifyIdentityChallenge } from '../step-up/identity-challenges';
import { StepUpPurpose } from '../step-up/step-up-vocabulary';
import { confirmTotpEnrollment, enrollTotp, totpConfirmedAt } from '../step-up/totp-enrollment';
import { TotpEnrollment, TotpStatus } from './types/totp-enrollment.type';

type ComplianceContext = RequestContext<ComplianceServices>;

@Resolver(() => IdentityChallengeEntity)
export class IdentityChallengeResolver {
  @Authorized()
  @Query(() => TotpStatus, { description: 'Whether the caller has a confirmed authenticator app.' })
  async myTotpStatus(@Ctx() ctx: ComplianceContext): Promise<TotpStatus> {
    const confirmedAt = await totpConfirmedAt(ctx);
    return { enrolled: confirmedAt !== null, confirmedAt };
  }

  @Authorized()
  @Mutation(() => TotpEnrollment, {
    description:
      'Starts setting up an authenticator app (replacing an unconfirmed one); refused once one is confirmed.',
  })
  enrollTotp(@Ctx() ctx: ComplianceContext): Promise<TotpEnrollment> {
    return enrollTotp(ctx);
  }

  @Authorized()
  @Mutation(() => TotpStatus, { description: 'Confirms the authenticator app with the code it shows now.' })
  async confirmTotpEnrollment(
    @Ctx() ctx: ComplianceContext,
    @Arg('code', { description: 'The six-digit code the app shows.' }) code: string,
  ): Promise<TotpStatus> {
    return { enrolled: true, confirmedAt: await confirmTotpEnrollment(ctx, code) };
  }

  @Authorized()
  @Mutation(() => IdentityChallengeEntity, {
    description:
      'Opens an identity challenge for a sensitive action; answer it with verifyIdentityChallenge.',
  })
  startIdentityChallenge(
    @Ctx() ctx: ComplianceContext,
    @Arg('purpose', () => StepUpPurpose, { description: 'The action to step up for.' })
    purpose: StepUpPurpose,
  ): Promise<IdentityChallengeEntity> {
    return startIdentityChallenge(ctx, purpose);
  }

  @Authorized()
  @Mutation(() => IdentityChallengeEntity, {
    description:
      'Answers a challenge with an authenticator code; when right, the action is allowed until validUntil.',
  })
  verifyIdentityChallenge(
    @Ctx() ctx: ComplianceContext,
    @Arg('id', () => ID, { description: 'Challenge id.' }) id: string,
    @Arg('code', { description: 'The six-digit code the app shows.' }) code: string,
  ): Promise<IdentityChallengeEntity> {
    return verifyIdentityChallenge(ctx, id, code);
  }
}
