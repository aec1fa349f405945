import { enqueueEvent } from '@holovitals/events';
import { DomainError, ErrorCode, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { IsNull, MoreThan } from 'typeorm';
import { AccountEntity } from '../entities/account.entity';
import { UserEntity } from '../entities/user.entity';
import { VerificationTokenEntity } from '../entities/verification-token.entity';
import { verificationEmail } from '../email/verification-email';
import type { IdentityServices } from './identity-services';
import { discloseTo } from './email-disclosure';
import { hashPassword } from './passwords';
import { randomToken, tokenHash } from './secret-token';

const HOUR_MS = 3_600_000;

export interface Registration {
  email: string;
  password: string;
  displayName: string | null;
}

async function sendVerification(
  ctx: RequestContext<IdentityServices>,
  user: UserEntity,
  token: string,
): Promise<void> {
  const { config, email } = ctx.services;
  try {
    await email.send(
      verificationEmail(user.email, config.APP_URL, token, config.VERIFICATION_TOKEN_TTL_HOURS),
    );
  } catch (error) {
    // The account exists either way; the user can ask for the message again.
    ctx.logger.error({ err: error, userId: user.id }, 'verification email failed');
  }
}

function newVerificationToken(
  userId: string,
  ttlHours: number,
): { row: Partial<VerificationTokenEntity>; token: string } {
  const token = randomToken();
  return {
    token,
    row: {
      userId,
      purpose: 'email-verification',
      tokenHash: tokenHash(token),
      expiresAt: new Date(Date.now() + ttlHours * HOUR_MS),
      usedAt: null,
    },
  };
}

/** Creates a PATIENT account, its credentials login and a verification token in one transaction. */
export async function registerUser(
  ctx: RequestContext<IdentityServices>,
  input: Registration,
): Promise<UserEntity> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const { user, token } = await ctx.dataSource.transaction(async (manager) => {
    const existing = await manager.findOneBy(UserEntity, { email });
    if (existing)
      throw new DomainError(ErrorCode.CONFLICT, 'An account with this email already exists.', {
        field: 'email',
      });
    const created = await manager.save(
      manager.create(UserEntity, {
        email,
        passwordHash,
        displayName: input.displayName,
        roles: [Role.PATIENT],
        emailVerifiedAt: null,
      }),
    );
    await manager.insert(AccountEntity, {
      userId: created.id,
      provider: 'credentials',
      providerAccountId: email,
    });
    const verification = newVerificationToken(created.id, ctx.services.config.VERIFICATION_TOKEN_TTL_HOURS);
    await manager.insert(VerificationTokenEntity, verification.row);
    await enqueueEvent(
      manager,
      ctx.service,
      'user.registered',
      { userId: created.id, email, roles: created.roles },
      { traceId: ctx.traceId },
    );
    return { user: created, token: verification.token };
  });
  await sendVerification(ctx, user, token);
  return discloseTo(user);
}

export async function verifyEmail(ctx: RequestContext<IdentityServices>, token: string): Promise<UserEntity> {
  return ctx.dataSource.transaction(async (manager) => {
    const stored = await manager.findOne(VerificationTokenEntity, {
      where: {
        tokenHash: tokenHash(token),
        purpose: 'email-verification',
        usedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      },
      lock: { mode: 'pessimistic_write' },
    });
    if (!stored)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'This verification link is invalid, used or expired.', {
        field: 'token',
      });
    await manager.update(VerificationTokenEntity, { id: stored.id }, { usedAt: new Date() });
    const user = await manager.findOneByOrFail(UserEntity, { id: stored.userId });
    user.emailVerifiedAt ??= new Date();
    return discloseTo(await manager.save(user));
  });
}

/** Sends a fresh link; answers the same whether or not the address has an account (no enumeration). */
export async function resendVerification(
  ctx: RequestContext<IdentityServices>,
  rawEmail: string,
): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const issued = await ctx.dataSource.transaction(async (manager) => {
    const user = await manager.findOneBy(UserEntity, { email });
    if (!user || user.emailVerifiedAt) return null;
    const verification = newVerificationToken(user.id, ctx.services.config.VERIFICATION_TOKEN_TTL_HOURS);
    await manager.insert(VerificationTokenEntity, verification.row);
    return { user, token: verification.token };
  });
  if (issued) await sendVerification(ctx, issued.user, issued.token);
}
