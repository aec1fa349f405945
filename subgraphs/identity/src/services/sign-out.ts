import { requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { IsNull } from 'typeorm';
import { SessionEntity } from '../entities/session.entity';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import type { IdentityServices } from './identity-services';
import { announceRevocations } from './revocation-announcement';
import { revokeSession } from './sessions';

/** Revokes sessions in the database (the truth), then tells the gateway and subgraphs through Redis. */
async function endSessions(
  ctx: RequestContext<IdentityServices>,
  sessionIds: string[],
  reason: string,
): Promise<void> {
  await ctx.dataSource.transaction(async (manager) => {
    for (const id of sessionIds) await revokeSession(manager, id, reason);
  });
  await announceRevocations(
    ctx.redis,
    ctx.logger,
    { sessionIds },
    ctx.services.config.ACCESS_TOKEN_TTL_SECONDS,
  );
}

export async function revokeOwnSession(
  ctx: RequestContext<IdentityServices>,
  id: string,
): Promise<SessionEntity> {
  const principal = requireUser(ctx);
  const sessions = ctx.dataSource.getRepository(SessionEntity);
  const session = await sessions.findOneBy({ id, userId: principal.id });
  if (!session) throw new IdentityError(IdentityErrorCode.SESSION_NOT_FOUND, 'No such session.', { id });
  await endSessions(ctx, [id], 'revoked-by-user');
  return sessions.findOneByOrFail({ id });
}

export async function logout(ctx: RequestContext<IdentityServices>): Promise<boolean> {
  const principal = requireUser(ctx);
  if (!principal.sessionId) {
    throw new IdentityError(IdentityErrorCode.NO_SESSION_IN_TOKEN, 'This token has no session to end.');
  }
  await endSessions(ctx, [principal.sessionId], 'logout');
  return true;
}

export async function logoutEverywhere(ctx: RequestContext<IdentityServices>): Promise<number> {
  const principal = requireUser(ctx);
  const active = await ctx.dataSource
    .getRepository(SessionEntity)
    .findBy({ userId: principal.id, revokedAt: IsNull() });
  await endSessions(
    ctx,
    active.map((session) => session.id),
    'logout-everywhere',
  );
  return active.length;
}
