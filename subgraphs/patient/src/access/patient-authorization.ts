import { hasRole, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { PatientError, PatientErrorCode } from '../patient-error';
import { auditRead } from './audit-trail';
import { patientAccessLoader } from './patient-access.loader';

export type AccessMode = 'read' | 'write';

/**
 * Whether the caller may read or change this patient's record: the owner, an admin, or anyone (whatever their role)
 * holding an active consent with READ_RECORD to read or WRITE_RECORD to write.
 */
export async function canAccessPatient(
  ctx: RequestContext,
  patientId: string,
  mode: AccessMode,
): Promise<boolean> {
  const principal = ctx.principal;
  if (principal === null) return false;
  const facts = await patientAccessLoader(ctx).load(patientId);
  if (!facts.exists) return false;
  if (hasRole(principal, Role.ADMIN)) return true;
  if (facts.isOwner && hasRole(principal, Role.PATIENT)) return true;
  return (mode === 'read' ? facts.readConsent : facts.writeConsent) !== null;
}

/** What an access rests on, for its audit entry: the grant used and, under a PROXY grant, the patient acted for. */
export interface AccessDelegation {
  consentId: string | null;
  onBehalfOf: string | null;
}

const OWN_ACCESS: AccessDelegation = { consentId: null, onBehalfOf: null };

/**
 * The grant behind the caller's access to this record (from the same per-request facts as the check, so no extra
 * query): none for the owner or an admin; the grant's id otherwise, plus the owner's user id when it holds PROXY.
 */
export async function accessDelegation(
  ctx: RequestContext,
  patientId: string,
  mode: AccessMode,
): Promise<AccessDelegation> {
  const principal = ctx.principal;
  if (principal === null || hasRole(principal, Role.ADMIN)) return OWN_ACCESS;
  const facts = await patientAccessLoader(ctx).load(patientId);
  if (facts.isOwner && hasRole(principal, Role.PATIENT)) return OWN_ACCESS;
  const consent = mode === 'read' ? facts.readConsent : facts.writeConsent;
  if (consent === null) return OWN_ACCESS;
  return { consentId: consent.consentId, onBehalfOf: consent.proxy ? facts.ownerUserId : null };
}

/**
 * Throws (after auditing the refusal) unless the caller may access the record. A patient the caller may not see
 * is reported as NOT_FOUND or FORBIDDEN alike to the audit trail, and as FORBIDDEN to the caller.
 */
export async function requirePatientAccess(
  ctx: RequestContext,
  patientId: string,
  mode: AccessMode,
  audit: { action: string; entityType: string; entityIds?: string[] },
): Promise<void> {
  requireUser(ctx);
  if (await canAccessPatient(ctx, patientId, mode)) return;
  await auditRead(ctx, {
    action: audit.action,
    entityType: audit.entityType,
    entityIds: audit.entityIds ?? [patientId],
    patientIds: [patientId],
    outcome: 'DENIED',
  });
  throw new PatientError(PatientErrorCode.ACCESS_DENIED, 'You may not access this patient record.');
}
