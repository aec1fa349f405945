import type { RequestContext } from '@holovitals/subgraph-kit';
import { auditRead } from './audit-trail';
import { accessDelegation, requirePatientAccess } from './patient-authorization';

/**
 * The read path of every PHI field: check access (auditing a refusal), then audit the ids actually returned, with
 * the grant the read relied on.
 */
export async function readPatientData<T extends { id: string }>(
  ctx: RequestContext,
  patientId: string,
  entityType: string,
  load: () => Promise<T[]>,
): Promise<T[]> {
  await requirePatientAccess(ctx, patientId, 'read', { action: 'read', entityType });
  const items = await load();
  await auditRead(ctx, {
    action: 'read',
    entityType,
    entityIds: items.map((item) => item.id),
    patientIds: [patientId],
    outcome: 'SUCCESS',
    ...(await accessDelegation(ctx, patientId, 'read')),
  });
  return items;
}
