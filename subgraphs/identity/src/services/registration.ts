import { enqueueEvent } from '@holovitals/events';
import { Role, type RequestContext } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { IsNull, MoreThan, QueryFailedError } from 'typeorm';
import { AccountEntity } from '../entities/account.entity';
import { UserEntity } from '../entities/user.entity';
import { VerificationTokenEntity } from '../entities/verification-token.entity';
import { alreadyRegisteredEmail } from '../email/already-registered-email';
import type { EmailMessage } from '../email/email-sender';
import { verificationEmail } from '../email/verification-email';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import type { IdentityServices } from './identity-services';
import { discloseTo } from './email-disclosure';
import { hashPassword, verifyAgainstDecoy } from './passwords';
import { randomToken, tokenHash } from './secret-token';

const HOUR_MS = 3_600_000;

export interface Registration {
  email: string;
  password: string;
  displayName: string | null;
}

async function sendMail(ctx: RequestContext<IdentityServices>, message: EmailMessage): Promise<void> {
  try {
    await ctx.services.email.send(message);
  } catch (error) {
    // The account exists either way; the user can ask for the message again.
    ctx.logger.error({ err: error }, 'identity email failed');
  }
}

function sendVerification(
  ctx: RequestContext<IdentityServices>,
  user: UserEntity,
  token: string,
): Promise<void> {
  const { config } = ctx.services;
  return sendMail(
    ctx,
    verificationEmail(user.email, config.APP_URL, token, config.VERIFICATION_TOKEN_TTL_HOURS),
  );
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/**
 * The answer to a sign-up with an address that already has an account: shaped like a new, unconfirmed
 * account (nothing is saved), so the response does not reveal that the address is taken. The owner
 * learns of the attempt by email.
 */
async function answerExistingAccount(
  ctx: RequestContext<IdentityServices>,
  email: string,
  input: Registration,
): Promise<UserEntity> {
  await sendMail(ctx, alreadyRegisteredEmail(email, ctx.services.config.APP_URL));
  const now = new Date();
  return discloseTo(
    ctx.dataSource.getRepository(UserEntity).create({
      id: randomUUID(),
      email,
      displayName: input.displayName,
      roles: [Role.PATIENT],
      emailVerifiedAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
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

/**
 * Creates a PATIENT account, its credentials login and a verification token in one transaction. The
 * duplicate check comes before the (deliberately slow) argon2 hash; a taken address costs the same time
 * (a decoy verification) and gets the same answer as a free one.
 */
export async function registerUser(
  ctx: RequestContext<IdentityServices>,
  input: Registration,
): Promise<UserEntity> {
  const email = input.email.trim().toLowerCase();
  const users = ctx.dataSource.getRepository(UserEntity);
  if (await users.existsBy({ email })) {
    await verifyAgainstDecoy(input.password);
    return answerExistingAccount(ctx, email, input);
  }
  const passwordHash = await hashPassword(input.password);
  let created: { user: UserEntity; token: string };
  try {
    created = await ctx.dataSource.transaction(async (manager) => {
      const user = await manager.save(
        manager.create(UserEntity, {
          email,
          passwordHash,
          displayName: input.displayName,
          roles: [Role.PATIENT],
          emailVerifiedAt: null,
        }),
      );
      await manager.insert(AccountEntity, {
        userId: user.id,
        provider: 'credentials',
        providerAccountId: email,
      });
      const verification = newVerificationToken(user.id, ctx.services.config.VERIFICATION_TOKEN_TTL_HOURS);
      await manager.insert(VerificationTokenEntity, verification.row);
      await enqueueEvent(
        manager,
        ctx.service,
        'user.registered',
        { userId: user.id, email, roles: user.roles },
        { traceId: ctx.traceId },
      );
      return { user, token: verification.token };
    });
  } catch (error) {
    // A concurrent sign-up took the address between the check and the insert.
    if (isUniqueViolation(error)) return answerExistingAccount(ctx, email, input);
    throw error;
  }
  await sendVerification(ctx, created.user, created.token);
  return discloseTo(created.user);
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
      throw new IdentityError(
        IdentityErrorCode.INVALID_VERIFICATION_TOKEN,
        'This verification link is invalid, used or expired.',
        { field: 'token' },
      );
    await manager.update(VerificationTokenEntity, { id: stored.id }, { usedAt: new Date() });
    const user = await manager.findOneByOrFail(UserEntity, { id: stored.userId });
    if (!user.emailVerifiedAt) {
      user.emailVerifiedAt = new Date();
      await enqueueEvent(
        manager,
        ctx.service,
        'user.verified',
        { userId: user.id, roles: user.roles, email: user.email, displayName: user.displayName },
        { traceId: ctx.traceId },
      );
    }
    return discloseTo(await manager.save(user));
  });
}

/**
 * Sends a fresh link; answers the same whether or not the address has an account (no enumeration).
 * The throttle comes first, so a flood costs neither mail nor database work.
 */
export async function resendVerification(
  ctx: RequestContext<IdentityServices>,
  rawEmail: string,
): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  await ctx.services.verificationThrottle.admit(email, ctx.clientIp);
  const issued = await ctx.dataSource.transaction(async (manager) => {
    const user = await manager.findOneBy(UserEntity, { email });
    if (!user || user.emailVerifiedAt) return null;
    const verification = newVerificationToken(user.id, ctx.services.config.VERIFICATION_TOKEN_TTL_HOURS);
    await manager.insert(VerificationTokenEntity, verification.row);
    return { user, token: verification.token };
  });
  if (issued) await sendVerification(ctx, issued.user, issued.token);
}
