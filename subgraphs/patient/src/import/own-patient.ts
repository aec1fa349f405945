import { hasRole, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { emitPatientCreated } from '../events/patient-events';
import { PatientError, PatientErrorCode } from '../patient-error';

/**
 * The caller's own patient record, created (with patient.created) on first use. Concurrent first imports of one
 * user meet on the unique owner column, so exactly one record is created.
 */
export async function ensureOwnPatient(manager: EntityManager, ctx: RequestContext): Promise<string> {
  const principal = requireUser(ctx);
  if (principal.kind !== 'user' || !hasRole(principal, Role.PATIENT)) {
    throw new PatientError(
      PatientErrorCode.NO_OWN_RECORD,
      'Only a patient has an own record; pass patientId.',
    );
  }
  const created = (await manager.query(
    `INSERT INTO patient (owner_user_id) VALUES ($1) ON CONFLICT (owner_user_id) DO NOTHING RETURNING id`,
    [principal.id],
  )) as { id: string }[];
  if (created.length > 0) {
    await emitPatientCreated(manager, ctx, created[0].id, principal.id);
    return created[0].id;
  }
  const existing = (await manager.query(`SELECT id FROM patient WHERE owner_user_id = $1`, [
    principal.id,
  ])) as {
    id: string;
  }[];
  return existing[0].id;
}
