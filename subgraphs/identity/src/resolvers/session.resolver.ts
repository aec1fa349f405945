import { DomainError, ErrorCode, requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { SessionEntity } from '../entities/session.entity';
import type { IdentityServices } from '../services/identity-services';
import { announceRevokedSessions } from '../services/session-revocation';
import { revokeSession } from '../services/sessions';

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
  async revokeSession(
    @Arg('id', () => ID, { description: 'Session id.' }) id: string,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<SessionEntity> {
    const principal = requireUser(ctx);
    const repository = ctx.dataSource.getRepository(SessionEntity);
    const session = await repository.findOneBy({ id, userId: principal.id });
    if (!session) throw new DomainError(ErrorCode.NOT_FOUND, 'No such session.', { id });
    await revokeSession(ctx.dataSource.manager, id, 'revoked-by-user');
    await announceRevokedSessions(ctx.redis, [id], ctx.services.config.ACCESS_TOKEN_TTL_SECONDS);
    return repository.findOneByOrFail({ id });
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Signs out the current session.' })
  async logout(@Ctx() ctx: RequestContext<IdentityServices>): Promise<boolean> {
    const principal = requireUser(ctx);
    if (!principal.sessionId)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'This token has no session to end.');
    await revokeSession(ctx.dataSource.manager, principal.sessionId, 'logout');
    await announceRevokedSessions(
      ctx.redis,
      [principal.sessionId],
      ctx.services.config.ACCESS_TOKEN_TTL_SECONDS,
    );
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Signs out every session of the caller; returns how many ended.' })
  async logoutEverywhere(@Ctx() ctx: RequestContext<IdentityServices>): Promise<number> {
    const principal = requireUser(ctx);
    const active = await ctx.dataSource
      .getRepository(SessionEntity)
      .findBy({ userId: principal.id, revokedAt: IsNull() });
    for (const session of active)
      await revokeSession(ctx.dataSource.manager, session.id, 'logout-everywhere');
    await announceRevokedSessions(
      ctx.redis,
      active.map((s) => s.id),
      ctx.services.config.ACCESS_TOKEN_TTL_SECONDS,
    );
    return active.length;
  }
}
