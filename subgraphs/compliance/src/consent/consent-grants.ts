import { enqueueEvent } from '@holovitals/events';
import { recordAudit, requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { ConsentGrantEntity } from '../entities/consent-grant.entity';
import type { ConsentPurpose, ConsentScope } from './consent-vocabulary';

export interface GrantConsentRequest {
  granteeUserId?: string | null;
  granteeEmail?: string | null;
  scope: ConsentScope[];
  purpose: ConsentPurpose;
  expiresAt?: Date | null;
}

function badInput(message: string, field: string): ComplianceError {
  return new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, message, { field });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The verified user a grant names, by id or by address (exactly one). Unknown and unverified answer alike, and
 * only a caller with a record to share gets this far, so the lookup tells no more than "can I share with them".
 */
async function resolveGrantee(ctx: RequestContext, request: GrantConsentRequest): Promise<string> {
  const byId = request.granteeUserId ?? null;
  const byEmail = request.granteeEmail?.trim().toLowerCase() || null;
  if ((byId === null) === (byEmail === null)) {
    throw badInput('Name the grantee by user id or by email address, not both.', 'granteeUserId');
  }
  if (byId !== null) {
    if (!UUID.test(byId)) throw badInput('No verified user has this id.', 'granteeUserId');
    const found: unknown[] = await ctx.dataSource.query('SELECT 1 FROM verified_user WHERE user_id = $1', [
      byId,
    ]);
    if (found.length === 0) throw badInput('No verified user has this id.', 'granteeUserId');
    return byId;
  }
  const found: Array<{ user_id: string }> = await ctx.dataSource.query(
    'SELECT user_id FROM verified_user WHERE email = $1',
    [byEmail],
  );
  const userId = found[0]?.user_id;
  if (!userId) throw badInput('No verified user has this email address.', 'granteeEmail');
  return userId;
}

/**
 * The caller (a patient) grants another verified user access to their record. Checked before anything is
 * written; the grant, its consent.granted event and its audit entry commit together.
 */
export async function grantConsent(
  ctx: RequestContext,
  request: GrantConsentRequest,
): Promise<ConsentGrantEntity> {
  const principal = requireUser(ctx);
  const scopes = [...new Set(request.scope)];
  if (scopes.length === 0) throw badInput('Choose at least one scope.', 'scope');
  if (request.expiresAt && request.expiresAt <= new Date()) {
    throw badInput('The expiry must be in the future.', 'expiresAt');
  }
  const owned: Array<{ patient_id: string }> = await ctx.dataSource.query(
    'SELECT patient_id FROM patient_owner WHERE owner_user_id = $1 ORDER BY patient_id LIMIT 1',
    [principal.id],
  );
  const patientId = owned[0]?.patient_id;
  if (!patientId) throw badInput('You have no patient record to share yet.', 'granteeUserId');
  const granteeUserId = await resolveGrantee(ctx, request);
  if (granteeUserId === principal.id) {
    throw badInput(
      'You cannot grant consent to yourself.',
      request.granteeEmail ? 'granteeEmail' : 'granteeUserId',
    );
  }
  return ctx.dataSource.transaction(async (manager) => {
    const grant = await manager.save(
      manager.create(ConsentGrantEntity, {
        patientId,
        grantorUserId: principal.id,
        granteeUserId,
        scopes,
        purpose: request.purpose,
        expiresAt: request.expiresAt ?? null,
        revokedAt: null,
      }),
    );
    await enqueueEvent(
      manager,
      ctx.service,
      'consent.granted',
      {
        consentId: grant.id,
        patientId,
        granteeUserId: grant.granteeUserId,
        scopes,
        expiresAt: grant.expiresAt?.toISOString() ?? null,
      },
      { traceId: ctx.traceId },
    );
    await recordAudit(manager, ctx, {
      action: 'grant',
      entityType: 'ConsentGrant',
      entityIds: [grant.id],
      patientIds: [patientId],
      outcome: 'SUCCESS',
    });
    return grant;
  });
}

/** The grantor revokes one of their grants; the patient subgraph stops honouring it on consent.revoked. */
export async function revokeConsent(ctx: RequestContext, id: string): Promise<ConsentGrantEntity> {
  const principal = requireUser(ctx);
  return ctx.dataSource.transaction(async (manager) => {
    const grant = await manager.findOne(ConsentGrantEntity, {
      where: { id, grantorUserId: principal.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!grant)
      throw new ComplianceError(
        ComplianceErrorCode.CONSENT_GRANT_NOT_FOUND,
        'No consent grant of yours has this id.',
      );
    if (grant.revokedAt) return grant;
    grant.revokedAt = new Date();
    await manager.update(ConsentGrantEntity, { id }, { revokedAt: grant.revokedAt });
    await enqueueEvent(
      manager,
      ctx.service,
      'consent.revoked',
      { consentId: grant.id, patientId: grant.patientId, granteeUserId: grant.granteeUserId },
      { traceId: ctx.traceId },
    );
    await recordAudit(manager, ctx, {
      action: 'revoke',
      entityType: 'ConsentGrant',
      entityIds: [grant.id],
      patientIds: [grant.patientId],
      outcome: 'SUCCESS',
    });
    return grant;
  });
}
