import type { StepUpPurpose } from '@holovitals/events';
import { hasRole, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { PatientError, PatientErrorCode } from '../patient-error';
import { auditRead } from './audit-trail';
import { patientAccessLoader } from './patient-access.loader';
import { stepUpLoader } from './step-up';

export type AccessMode = 'read' | 'write';

/** Whether an access may go ahead, must wait for the caller to step up (for `purpose`), or is refused. */
export type AccessVerdict =
  { kind: 'allowed' } | { kind: 'denied' } | { kind: 'step-up-required'; purpose: StepUpPurpose };

const ALLOWED: AccessVerdict = { kind: 'allowed' };
const DENIED: AccessVerdict = { kind: 'denied' };

/** What an access needs beyond the mode; an export names BULK_EXPORT, which anyone but the owner must hold. */
export interface AccessNeeds {
  stepUp?: StepUpPurpose;
}

/**
 * Who may read or change this patient's record: the owner; anyone (whatever their role) holding an active consent
 * with READ_RECORD to read or WRITE_RECORD to write; an admin once they stepped up for ADMIN_PHI_ACCESS. A step-up
 * the access needs (`needs.stepUp`) is asked of everyone but the owner, and stands in for the admin's.
 */
export async function patientAccessVerdict(
  ctx: RequestContext,
  patientId: string,
  mode: AccessMode,
  needs: AccessNeeds = {},
): Promise<AccessVerdict> {
  const principal = ctx.principal;
  if (principal === null) return DENIED;
  const facts = await patientAccessLoader(ctx).load(patientId);
  if (!facts.exists) return DENIED;
  if (facts.isOwner && hasRole(principal, Role.PATIENT)) return ALLOWED;
  const consented = (mode === 'read' ? facts.readConsent : facts.writeConsent) !== null;
  if (!consented && !hasRole(principal, Role.ADMIN)) return DENIED;
  const purpose = needs.stepUp ?? (consented ? null : 'ADMIN_PHI_ACCESS');
  if (purpose === null || (await stepUpLoader(ctx).load(purpose))) return ALLOWED;
  return { kind: 'step-up-required', purpose };
}

/** True when the caller may access the record now (see patientAccessVerdict). */
export async function canAccessPatient(
  ctx: RequestContext,
  patientId: string,
  mode: AccessMode,
): Promise<boolean> {
  return (await patientAccessVerdict(ctx, patientId, mode)).kind === 'allowed';
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
 * is reported as NOT_FOUND or FORBIDDEN alike to the audit trail, and as FORBIDDEN to the caller; a missing step-up
 * as FORBIDDEN with reason STEP_UP_REQUIRED and the purpose, so the client can ask for a code and retry.
 */
export async function requirePatientAccess(
  ctx: RequestContext,
  patientId: string,
  mode: AccessMode,
  audit: { action: string; entityType: string; entityIds?: string[] },
  needs: AccessNeeds = {},
): Promise<void> {
  requireUser(ctx);
  const verdict = await patientAccessVerdict(ctx, patientId, mode, needs);
  if (verdict.kind === 'allowed') return;
  await auditRead(ctx, {
    action: audit.action,
    entityType: audit.entityType,
    entityIds: audit.entityIds ?? [patientId],
    patientIds: [patientId],
    outcome: 'DENIED',
  });
  if (verdict.kind === 'step-up-required') {
    throw new PatientError(
      PatientErrorCode.STEP_UP_REQUIRED,
      'Confirm it is you with your authenticator code first.',
      { purpose: verdict.purpose },
    );
  }
  throw new PatientError(PatientErrorCode.ACCESS_DENIED, 'You may not access this patient record.');
}

/**
 * For reads that span every patient (an admin's patient list): refuses, audited, unless the caller stepped up for
 * `purpose`.
 */
export async function requireStepUp(
  ctx: RequestContext,
  purpose: StepUpPurpose,
  audit: { action: string; entityType: string },
): Promise<void> {
  if (await stepUpLoader(ctx).load(purpose)) return;
  await auditRead(ctx, { ...audit, entityIds: [], patientIds: [], outcome: 'DENIED' });
  throw new PatientError(
    PatientErrorCode.STEP_UP_REQUIRED,
    'Confirm it is you with your authenticator code first.',
    {
      purpose,
    },
  );
}
