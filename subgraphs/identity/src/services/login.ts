import { recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import { issueAccessToken } from './access-tokens';
import { discloseTo } from './email-disclosure';
import type { IdentityServices } from './identity-services';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { announceRevocations } from './revocation-announcement';
import { createSession, rotateRefreshToken } from './sessions';

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: UserEntity;
}

const wrongCredentials = (): IdentityError =>
  new IdentityError(IdentityErrorCode.INVALID_CREDENTIALS, 'Email or password is incorrect.');

const accountLocked = (lockedUntil: Date): IdentityError =>
  new IdentityError(
    IdentityErrorCode.ACCOUNT_LOCKED,
    'This account is locked after repeated failed sign-ins. Try again later.',
    { lockedUntil: lockedUntil.toISOString() },
  );

/**
 * Counts one failed sign-in in a single statement (parallel failures each count) and locks the account
 * when the count reaches the limit.
 */
async function recordFailedSignIn(
  manager: EntityManager,
  userId: string,
  maxFailures: number,
  lockoutMinutes: number,
): Promise<void> {
  await manager.query(
    `UPDATE app_user SET
       failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
       locked_until = CASE WHEN failed_login_count + 1 >= $2
                           THEN now() + make_interval(mins => $3) ELSE locked_until END
     WHERE id = $1`,
    [userId, maxFailures, lockoutMinutes],
  );
}

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

/**
 * The attempt is made anonymously, so a refused one has no actor (the account it named is the entity). A
 * successful one is audited as the user who proved who they are, so the trail says who signed in.
 */
async function auditLogin(
  manager: EntityManager,
  ctx: RequestContext,
  user: Pick<UserEntity, 'id' | 'roles'> | null,
  outcome: 'SUCCESS' | 'DENIED',
): Promise<void> {
  const actor =
    outcome === 'SUCCESS' && user ? { ...ctx, principal: { id: user.id, roles: user.roles } } : ctx;
  await recordAudit(manager, actor, {
    action: 'login',
    entityType: 'Session',
    entityIds: user ? [user.id] : [],
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
  const { config, throttle, unknownAccountLockout } = ctx.services;
  await throttle.admit(email, ctx.clientIp);
  const user = await ctx.dataSource.getRepository(UserEntity).findOneBy({ email });
  if (!user) {
    // An unknown email fails, and locks, exactly as a real account would.
    const lockedUntil = await unknownAccountLockout.lockedUntil(email);
    await auditLogin(ctx.dataSource.manager, ctx, null, 'DENIED');
    if (lockedUntil) throw accountLocked(lockedUntil);
    await verifyAgainstDecoy(password);
    await unknownAccountLockout.recordFailure(email);
    throw wrongCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await auditLogin(ctx.dataSource.manager, ctx, user, 'DENIED');
    throw accountLocked(user.lockedUntil);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await ctx.dataSource.transaction(async (manager) => {
      await recordFailedSignIn(manager, user.id, config.LOGIN_MAX_FAILURES, config.LOCKOUT_MINUTES);
      await auditLogin(manager, ctx, user, 'DENIED');
    });
    throw wrongCredentials();
  }
  if (config.REQUIRE_EMAIL_VERIFICATION && !user.emailVerifiedAt) {
    throw new IdentityError(
      IdentityErrorCode.EMAIL_NOT_VERIFIED,
      'Confirm your email address before signing in.',
    );
  }
  const issued = await ctx.dataSource.transaction(async (manager) => {
    await manager.update(UserEntity, { id: user.id }, { failedLoginCount: 0, lockedUntil: null });
    await auditLogin(manager, ctx, user, 'SUCCESS');
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
    await announceRevocations(
      ctx.redis,
      ctx.logger,
      { sessionIds: [outcome.reuseDetected.id] },
      ctx.services.config.ACCESS_TOKEN_TTL_SECONDS,
    );
    ctx.logger.warn({ sessionId: outcome.reuseDetected.id }, 'refresh token reuse: session revoked');
    throw new IdentityError(
      IdentityErrorCode.REFRESH_TOKEN_REUSED,
      'This sign-in was ended for your safety. Sign in again.',
    );
  }
  return issueTokens(ctx, outcome.user, outcome.session.id, outcome.refreshToken);
}
