import { recordAudit, requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import type { ComplianceServices } from '../config';
import { TotpFactorEntity } from '../entities/totp-factor.entity';
import { totpSecretContext } from './totp-cipher';
import { matchTotpStep, newTotpSecret, totpUri, type TotpAccount } from './totp-codes';

type ComplianceContext = RequestContext<ComplianceServices>;

/** What a new enrollment shows the user once: the URI to scan and the secret to type by hand instead. */
export interface TotpEnrollmentSecret {
  otpauthUri: string;
  secret: string;
}

const AUDITED_AS = 'TotpFactor';

/** The name the authenticator app lists: the verified address compliance knows, else the user id. */
async function accountLabel(ctx: ComplianceContext, userId: string): Promise<string> {
  const rows: Array<{ email: string }> = await ctx.dataSource.query(
    'SELECT email FROM verified_user WHERE user_id = $1',
    [userId],
  );
  return rows[0]?.email ?? userId;
}

/** The user's factor with its secret opened, for checking a code; null when they never enrolled. */
export async function openTotpFactor(
  ctx: ComplianceContext,
  userId: string,
): Promise<{ factor: TotpFactorEntity; account: TotpAccount } | null> {
  const factor = await ctx.dataSource.getRepository(TotpFactorEntity).findOneBy({ userId });
  if (!factor) return null;
  const secret = ctx.services.cipher.decryptString(factor.secretSealed, totpSecretContext(userId));
  return {
    factor,
    account: { issuer: ctx.services.config.TOTP_ISSUER, label: await accountLabel(ctx, userId), secret },
  };
}

/**
 * Starts (or restarts) enrolling the caller's authenticator: a new secret, sealed at rest, that counts only once
 * confirmed with a code. A confirmed factor is never replaced this way, so a stolen session cannot swap it.
 */
export async function enrollTotp(ctx: ComplianceContext): Promise<TotpEnrollmentSecret> {
  const principal = requireUser(ctx);
  const secret = newTotpSecret();
  const account: TotpAccount = {
    issuer: ctx.services.config.TOTP_ISSUER,
    label: await accountLabel(ctx, principal.id),
    secret,
  };
  await ctx.dataSource.transaction(async (manager) => {
    const existing = await manager.findOne(TotpFactorEntity, {
      where: { userId: principal.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing?.confirmedAt) {
      throw new ComplianceError(
        ComplianceErrorCode.TOTP_ALREADY_ENROLLED,
        'An authenticator is already set up for this account.',
      );
    }
    await manager.save(
      manager.create(TotpFactorEntity, {
        userId: principal.id,
        secretSealed: ctx.services.cipher.encrypt(secret, totpSecretContext(principal.id)),
        confirmedAt: null,
        lastUsedStep: null,
        createdAt: new Date(),
      }),
    );
    await recordAudit(manager, ctx, {
      action: 'enroll',
      entityType: AUDITED_AS,
      entityIds: [principal.id],
      patientIds: [],
      outcome: 'SUCCESS',
    });
  });
  return { otpauthUri: totpUri(account), secret };
}

/**
 * Confirms an enrollment with the first code the authenticator shows; from then on the factor answers identity
 * challenges. The code's step is remembered, so it cannot also answer a challenge.
 */
export async function confirmTotpEnrollment(ctx: ComplianceContext, code: string): Promise<Date> {
  const principal = requireUser(ctx);
  const opened = await openTotpFactor(ctx, principal.id);
  if (!opened) {
    throw new ComplianceError(
      ComplianceErrorCode.TOTP_NOT_ENROLLED,
      'Start setting up an authenticator first.',
    );
  }
  if (opened.factor.confirmedAt) {
    throw new ComplianceError(
      ComplianceErrorCode.TOTP_ALREADY_ENROLLED,
      'This authenticator is already confirmed.',
    );
  }
  const step = matchTotpStep(opened.account, code.trim(), new Date());
  const confirmedAt = new Date();
  await ctx.dataSource.transaction(async (manager) => {
    if (step !== null) {
      await manager.update(
        TotpFactorEntity,
        { userId: principal.id },
        { confirmedAt, lastUsedStep: String(step) },
      );
    }
    await recordAudit(manager, ctx, {
      action: 'confirm',
      entityType: AUDITED_AS,
      entityIds: [principal.id],
      patientIds: [],
      outcome: step === null ? 'DENIED' : 'SUCCESS',
    });
  });
  if (step === null) {
    throw new ComplianceError(
      ComplianceErrorCode.INVALID_TOTP_CODE,
      'That code is not right; try the current one.',
      {
        field: 'code',
      },
    );
  }
  return confirmedAt;
}

/** Whether the caller has a confirmed authenticator, for the settings page. */
export async function totpConfirmedAt(ctx: ComplianceContext): Promise<Date | null> {
  const principal = requireUser(ctx);
  const factor = await ctx.dataSource.getRepository(TotpFactorEntity).findOneBy({ userId: principal.id });
  return factor?.confirmedAt ?? null;
}
