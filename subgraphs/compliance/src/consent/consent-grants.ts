import { enqueueEvent } from '@holovitals/events';
import {
  DomainError,
  ErrorCode,
  recordAudit,
  requireUser,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { ConsentGrantEntity } from '../entities/consent-grant.entity';
import type { ConsentPurpose, ConsentScope } from './consent-vocabulary';

export interface GrantConsentRequest {
  granteeUserId: string;
  scope: ConsentScope[];
  purpose: ConsentPurpose;
  expiresAt?: Date | null;
}

function badInput(message: string, field: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });
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
  if (request.granteeUserId === principal.id)
    throw badInput('You cannot grant consent to yourself.', 'granteeUserId');
  if (request.expiresAt && request.expiresAt <= new Date()) {
    throw badInput('The expiry must be in the future.', 'expiresAt');
  }
  const owned: Array<{ patient_id: string }> = await ctx.dataSource.query(
    'SELECT patient_id FROM patient_owner WHERE owner_user_id = $1 ORDER BY patient_id LIMIT 1',
    [principal.id],
  );
  const patientId = owned[0]?.patient_id;
  if (!patientId) throw badInput('You have no patient record to share yet.', 'granteeUserId');
  const grantee: unknown[] = await ctx.dataSource.query('SELECT 1 FROM verified_user WHERE user_id = $1', [
    request.granteeUserId,
  ]);
  if (grantee.length === 0) {
    throw badInput('No verified user has this id.', 'granteeUserId');
  }
  return ctx.dataSource.transaction(async (manager) => {
    const grant = await manager.save(
      manager.create(ConsentGrantEntity, {
        patientId,
        grantorUserId: principal.id,
        granteeUserId: request.granteeUserId,
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
    if (!grant) throw new DomainError(ErrorCode.NOT_FOUND, 'No consent grant of yours has this id.');
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
