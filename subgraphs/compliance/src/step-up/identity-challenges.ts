import { enqueueEvent } from '@holovitals/events';
import { hasRole, recordAudit, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import type { ComplianceServices } from '../config';
import { IdentityChallengeEntity } from '../entities/identity-challenge.entity';
import { matchTotpStep } from './totp-codes';
import { openTotpFactor } from './totp-enrollment';
import {
  CHALLENGE_ENTITY_TYPE,
  CHALLENGE_VERIFY_ACTION,
  IdentityChallengeStatus,
  type StepUpPurpose,
} from './step-up-vocabulary';

type ComplianceContext = RequestContext<ComplianceServices>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which purposes a caller may step up for: ADMIN_PHI_ACCESS only means something to administrators. */
function mayStepUpFor(ctx: ComplianceContext, purpose: StepUpPurpose): boolean {
  switch (purpose) {
    case 'ADMIN_PHI_ACCESS':
      return ctx.principal !== null && hasRole(ctx.principal, Role.ADMIN);
    case 'BULK_EXPORT':
      return true;
  }
}

/** Opens a challenge for the caller's confirmed authenticator; it takes a limited number of codes until it expires. */
export async function startIdentityChallenge(
  ctx: ComplianceContext,
  purpose: StepUpPurpose,
): Promise<IdentityChallengeEntity> {
  const principal = requireUser(ctx);
  if (!mayStepUpFor(ctx, purpose)) {
    throw new ComplianceError(
      ComplianceErrorCode.STEP_UP_PURPOSE_FORBIDDEN,
      `Your role cannot step up for ${purpose}.`,
      { purpose },
    );
  }
  const opened = await openTotpFactor(ctx, principal.id);
  if (!opened?.factor.confirmedAt) {
    throw new ComplianceError(
      ComplianceErrorCode.TOTP_NOT_ENROLLED,
      'Set up an authenticator app under Security settings first.',
    );
  }
  const { config } = ctx.services;
  const now = new Date();
  return ctx.dataSource.transaction(async (manager) => {
    const challenge = await manager.save(
      manager.create(IdentityChallengeEntity, {
        userId: principal.id,
        purpose,
        status: IdentityChallengeStatus.PENDING,
        failedAttempts: 0,
        maxAttempts: config.IDENTITY_CHALLENGE_MAX_ATTEMPTS,
        createdAt: now,
        expiresAt: new Date(now.getTime() + config.IDENTITY_CHALLENGE_TTL_SECONDS * 1000),
        verifiedAt: null,
        validUntil: null,
      }),
    );
    await recordAudit(manager, ctx, {
      action: 'challenge',
      entityType: CHALLENGE_ENTITY_TYPE,
      entityIds: [challenge.id],
      patientIds: [],
      outcome: 'SUCCESS',
    });
    return challenge;
  });
}

type Verdict =
  { kind: 'verified'; challenge: IdentityChallengeEntity } | { kind: 'refused'; error: ComplianceError };

/** Claims the code's time step for the factor; false when a code of that step (or a later one) was used already. */
async function claimStep(manager: EntityManager, userId: string, step: number): Promise<boolean> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count], whatever matched.
  const [claimed]: Array<{ n: number }> = await manager.query(
    `WITH claimed AS (
       UPDATE totp_factor SET last_used_step = $2
        WHERE user_id = $1 AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)
        RETURNING user_id
     )
     SELECT count(*)::int AS n FROM claimed`,
    [userId, step],
  );
  return claimed!.n > 0;
}

async function refuse(
  manager: EntityManager,
  ctx: ComplianceContext,
  challenge: IdentityChallengeEntity,
  error: ComplianceError,
  wrongCode: boolean,
): Promise<Verdict> {
  let refusal = error;
  if (wrongCode) {
    challenge.failedAttempts += 1;
    if (challenge.failedAttempts >= challenge.maxAttempts) {
      challenge.status = IdentityChallengeStatus.LOCKED;
      refusal = new ComplianceError(
        ComplianceErrorCode.CHALLENGE_LOCKED,
        'Too many wrong codes: start a new challenge.',
        { challengeId: challenge.id },
      );
    }
    await manager.update(
      IdentityChallengeEntity,
      { id: challenge.id },
      { failedAttempts: challenge.failedAttempts, status: challenge.status },
    );
  }
  await recordAudit(manager, ctx, {
    action: CHALLENGE_VERIFY_ACTION,
    entityType: CHALLENGE_ENTITY_TYPE,
    entityIds: [challenge.id],
    patientIds: [],
    // Only wrong or replayed codes are DENIED (the alert rule counts those); a late answer is a FAILURE.
    outcome: wrongCode ? 'DENIED' : 'FAILURE',
  });
  return { kind: 'refused', error: refusal };
}

/**
 * Checks a code against one of the caller's challenges: within ±1 step, never a step used before, before the
 * challenge expires and while it has attempts left. A right code grants the step-up for STEP_UP_VALID_MINUTES
 * and publishes identity.challenge.verified in the same transaction; a wrong one is counted (and audited) before
 * the refusal is returned.
 */
export async function verifyIdentityChallenge(
  ctx: ComplianceContext,
  id: string,
  code: string,
): Promise<IdentityChallengeEntity> {
  const principal = requireUser(ctx);
  const notFound = new ComplianceError(
    ComplianceErrorCode.CHALLENGE_NOT_FOUND,
    'No challenge of yours has this id.',
  );
  if (!UUID.test(id)) throw notFound;
  const opened = await openTotpFactor(ctx, principal.id);
  const verdict = await ctx.dataSource.transaction(async (manager): Promise<Verdict | null> => {
    const challenge = await manager.findOne(IdentityChallengeEntity, {
      where: { id, userId: principal.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!challenge) return null;
    switch (challenge.status) {
      case IdentityChallengeStatus.VERIFIED:
        return {
          kind: 'refused',
          error: new ComplianceError(
            ComplianceErrorCode.CHALLENGE_ALREADY_VERIFIED,
            'This challenge is answered already.',
          ),
        };
      case IdentityChallengeStatus.LOCKED:
        return {
          kind: 'refused',
          error: new ComplianceError(
            ComplianceErrorCode.CHALLENGE_LOCKED,
            'Too many wrong codes: start a new challenge.',
          ),
        };
      case IdentityChallengeStatus.PENDING:
        break;
    }
    const now = new Date();
    if (challenge.expiresAt <= now) {
      return refuse(
        manager,
        ctx,
        challenge,
        new ComplianceError(
          ComplianceErrorCode.CHALLENGE_EXPIRED,
          'This challenge has expired: start a new one.',
        ),
        false,
      );
    }
    const step = opened?.factor.confirmedAt ? matchTotpStep(opened.account, code.trim(), now) : null;
    if (step === null) {
      return refuse(
        manager,
        ctx,
        challenge,
        new ComplianceError(ComplianceErrorCode.INVALID_TOTP_CODE, 'That code is not right.', {
          field: 'code',
        }),
        true,
      );
    }
    if (!(await claimStep(manager, principal.id, step))) {
      return refuse(
        manager,
        ctx,
        challenge,
        new ComplianceError(
          ComplianceErrorCode.TOTP_CODE_ALREADY_USED,
          'That code was used already: wait for the next one.',
          { field: 'code' },
        ),
        true,
      );
    }
    challenge.status = IdentityChallengeStatus.VERIFIED;
    challenge.verifiedAt = now;
    challenge.validUntil = new Date(now.getTime() + ctx.services.config.STEP_UP_VALID_MINUTES * 60_000);
    await manager.update(
      IdentityChallengeEntity,
      { id },
      { status: challenge.status, verifiedAt: challenge.verifiedAt, validUntil: challenge.validUntil },
    );
    await enqueueEvent(
      manager,
      ctx.service,
      'identity.challenge.verified',
      {
        challengeId: challenge.id,
        userId: principal.id,
        purpose: challenge.purpose,
        validUntil: challenge.validUntil.toISOString(),
      },
      { traceId: ctx.traceId },
    );
    await recordAudit(manager, ctx, {
      action: CHALLENGE_VERIFY_ACTION,
      entityType: CHALLENGE_ENTITY_TYPE,
      entityIds: [challenge.id],
      patientIds: [],
      outcome: 'SUCCESS',
    });
    return { kind: 'verified', challenge };
  });
  if (verdict === null) throw notFound;
  if (verdict.kind === 'refused') throw verdict.error;
  return verdict.challenge;
}
