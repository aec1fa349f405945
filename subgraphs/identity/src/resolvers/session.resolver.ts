import { requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { SessionEntity } from '../entities/session.entity';
import type { IdentityServices } from '../services/identity-services';
import { logout, logoutEverywhere, revokeOwnSession } from '../services/sign-out';

@Resolver(() => SessionEntity)
export class SessionResolver {
  @Authorized()
  @Query(() => [SessionEntity], { description: "The caller's active sessions, most recently used first." })
  mySessions(@Ctx() ctx: RequestContext<IdentityServices>): Promise<SessionEntity[]> {
    const principal = requireUser(ctx);
    return ctx.dataSource.getRepository(SessionEntity).find({
      where: { userId: principal.id, revokedAt: IsNull() },
      order: { lastUsedAt: 'DESC' },
    });
  }

  @Authorized()
  @Mutation(() => SessionEntity, {
    description: 'Ends one of the caller’s sessions (signs that device out).',
  })
  revokeSession(
    @Arg('id', () => ID, { description: 'Session id.' }) id: string,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<SessionEntity> {
    return revokeOwnSession(ctx, id);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Signs out the current session.' })
  logout(@Ctx() ctx: RequestContext<IdentityServices>): Promise<boolean> {
    return logout(ctx);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Signs out every session of the caller; returns how many ended.' })
  logoutEverywhere(@Ctx() ctx: RequestContext<IdentityServices>): Promise<number> {
    return logoutEverywhere(ctx);
  }
}
