import { DomainError, ErrorCode, recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { issueAccessToken } from './access-tokens';
import { discloseTo } from './email-disclosure';
import type { IdentityServices } from './identity-services';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { announceRevokedSessions } from './session-revocation';
import { createSession, rotateRefreshToken } from './sessions';

const MINUTE_MS = 60_000;

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: UserEntity;
}

const wrongCredentials = (): DomainError =>
  new DomainError(ErrorCode.UNAUTHENTICATED, 'Email or password is incorrect.', {
    reason: 'invalid_credentials',
  });

async function issueTokens(
  ctx: RequestContext<IdentityServices>,
  user: UserEntity,
  sessionId: string,
  refreshToken: string,
): Promise<AuthResult> {
  const access = await issueAccessToken(ctx.services.keys, ctx.services.tokens, {
    subject: user.id,
    typ: 'user',
    roles: user.roles,
    sid: sessionId,
    ev: user.emailVerifiedAt !== null,
  });
  return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, user: discloseTo(user) };
}

async function auditLogin(
  manager: EntityManager,
  ctx: RequestContext,
  userId: string | null,
  outcome: 'SUCCESS' | 'DENIED',
): Promise<void> {
  await recordAudit(manager, ctx, {
    action: 'login',
    entityType: 'Session',
    entityIds: userId ? [userId] : [],
    patientIds: [],
    outcome,
  });
}

/**
 * Password sign-in with throttling (per email and address) and lockout after repeated failures.
 * Unknown emails and wrong passwords look the same to the caller, in message and in timing.
 */
export async function login(
  ctx: RequestContext<IdentityServices>,
  rawEmail: string,
  password: string,
  userAgent: string | null,
): Promise<AuthResult> {
  const email = rawEmail.trim().toLowerCase();
  const { config, throttle } = ctx.services;
  await throttle.admit(email, ctx.clientIp);
  const user = await ctx.dataSource.getRepository(UserEntity).findOneBy({ email });
  if (!user) {
    await verifyAgainstDecoy(password);
    await auditLogin(ctx.dataSource.manager, ctx, null, 'DENIED');
    throw wrongCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await auditLogin(ctx.dataSource.manager, ctx, user.id, 'DENIED');
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      'This account is locked after repeated failed sign-ins. Try again later.',
      {
        reason: 'account_locked',
        lockedUntil: user.lockedUntil.toISOString(),
      },
    );
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await ctx.dataSource.transaction(async (manager) => {
      const failures = user.failedLoginCount + 1;
      const locked = failures >= config.LOGIN_MAX_FAILURES;
      await manager.update(
        UserEntity,
        { id: user.id },
        {
          failedLoginCount: locked ? 0 : failures,
          lockedUntil: locked ? new Date(Date.now() + config.LOCKOUT_MINUTES * MINUTE_MS) : user.lockedUntil,
        },
      );
      await auditLogin(manager, ctx, user.id, 'DENIED');
    });
    throw wrongCredentials();
  }
  if (config.REQUIRE_EMAIL_VERIFICATION && !user.emailVerifiedAt) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Confirm your email address before signing in.', {
      reason: 'email_not_verified',
    });
  }
  const issued = await ctx.dataSource.transaction(async (manager) => {
    await manager.update(UserEntity, { id: user.id }, { failedLoginCount: 0, lockedUntil: null });
    await auditLogin(manager, ctx, user.id, 'SUCCESS');
    return createSession(
      manager,
      user.id,
      { userAgent, ipAddress: ctx.clientIp },
      config.REFRESH_TOKEN_TTL_DAYS,
    );
  });
  return issueTokens(ctx, user, issued.session.id, issued.refreshToken);
}

export async function refreshSession(
  ctx: RequestContext<IdentityServices>,
  presented: string,
): Promise<AuthResult> {
  const outcome = await ctx.dataSource.transaction((manager) => rotateRefreshToken(manager, presented));
  if ('reuseDetected' in outcome) {
    await announceRevokedSessions(
      ctx.redis,
      [outcome.reuseDetected.id],
      ctx.services.config.ACCESS_TOKEN_TTL_SECONDS,
    );
    ctx.logger.warn({ sessionId: outcome.reuseDetected.id }, 'refresh token reuse: session revoked');
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      'This sign-in was ended for your safety. Sign in again.',
      {
        reason: 'refresh_token_reused',
      },
    );
  }
  return issueTokens(ctx, outcome.user, outcome.session.id, outcome.refreshToken);
}
