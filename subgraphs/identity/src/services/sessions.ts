import { type EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { SessionEntity } from '../entities/session.entity';
import { UserEntity } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import { randomToken, tokenHash } from './secret-token';

const DAY_MS = 86_400_000;

export interface SessionMeta {
  userAgent: string | null;
  ipAddress: string | null;
}

export interface IssuedSession {
  session: SessionEntity;
  refreshToken: string;
}

async function issueRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
  const refreshToken = randomToken();
  await manager.insert(RefreshTokenEntity, { sessionId, tokenHash: tokenHash(refreshToken), usedAt: null });
  return refreshToken;
}

export async function createSession(
  manager: EntityManager,
  userId: string,
  meta: SessionMeta,
  ttlDays: number,
): Promise<IssuedSession> {
  const now = new Date();
  const session = await manager.save(
    manager.create(SessionEntity, {
      userId,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ipAddress: meta.ipAddress,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + ttlDays * DAY_MS),
      revokedAt: null,
      revokedReason: null,
    }),
  );
  return { session, refreshToken: await issueRefreshToken(manager, session.id) };
}

export async function revokeSession(
  manager: EntityManager,
  sessionId: string,
  reason: string,
): Promise<void> {
  await manager.update(
    SessionEntity,
    { id: sessionId, revokedAt: IsNull() },
    { revokedAt: new Date(), revokedReason: reason },
  );
}

const invalidRefresh = (): IdentityError =>
  new IdentityError(
    IdentityErrorCode.INVALID_REFRESH_TOKEN,
    'Refresh token is invalid or expired. Sign in again.',
  );

/**
 * Trades a refresh token for a new one in the same session. A token that was already used means
 * someone else holds a copy: the whole session is revoked, for the thief and the owner alike.
 * Runs in the caller's transaction; the row lock serialises concurrent refreshes of one token.
 */
export async function rotateRefreshToken(
  manager: EntityManager,
  presented: string,
): Promise<
  { session: SessionEntity; user: UserEntity; refreshToken: string } | { reuseDetected: SessionEntity }
> {
  const stored = await manager.findOne(RefreshTokenEntity, {
    where: { tokenHash: tokenHash(presented) },
    lock: { mode: 'pessimistic_write' },
  });
  if (!stored) throw invalidRefresh();
  const session = await manager.findOneBy(SessionEntity, { id: stored.sessionId });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) throw invalidRefresh();
  if (stored.usedAt) {
    await revokeSession(manager, session.id, 'refresh-token-reuse');
    return { reuseDetected: session };
  }
  const user = await manager.findOneByOrFail(UserEntity, { id: session.userId });
  const now = new Date();
  await manager.update(RefreshTokenEntity, { id: stored.id }, { usedAt: now });
  await manager.update(SessionEntity, { id: session.id }, { lastUsedAt: now });
  return { session, user, refreshToken: await issueRefreshToken(manager, session.id) };
}

/** Access tokens outlive a revoked session by at most their TTL; this check closes that gap where it matters. */
export async function isSessionActive(manager: EntityManager, sessionId: string): Promise<boolean> {
  const session = await manager.findOneBy(SessionEntity, { id: sessionId });
  return !!session && !session.revokedAt && session.expiresAt > new Date();
}
