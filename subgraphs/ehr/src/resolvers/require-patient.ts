import { hasRole, type RequestContext, requireUser, Role } from '@holovitals/subgraph-kit';
import { EhrError, EhrErrorCode } from '../ehr-error';

/** Connections belong to patients: only a signed-in user with the PATIENT role connects and syncs their own record. */
export function requirePatient(ctx: RequestContext): string {
  const principal = requireUser(ctx);
  if (principal.kind !== 'user' || !hasRole(principal, Role.PATIENT))
    throw new EhrError(EhrErrorCode.NOT_A_PATIENT, 'Only a patient connects their own hospital records.');
  return principal.id;
}
