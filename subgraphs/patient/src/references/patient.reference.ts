import type { RequestContext } from '@holovitals/subgraph-kit';
import { readPatientData } from '../access/record-read';
import { requireUuids } from '../access/uuid-arguments';
import type { PatientEntity } from '../entities/patient.entity';
import { patientLoader } from '../loaders/patient.loader';

/** Patient by key for the gateway: batched, access-checked and audited like the `patient` query. */
export async function resolvePatientReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<PatientEntity | null> {
  await requireUuids(ctx, [reference.id], { action: 'read', entityType: 'Patient' });
  const id = String(reference.id);
  const [patient] = await readPatientData(ctx, id, 'Patient', async () => {
    const found = await patientLoader(ctx).load(id);
    return found === null ? [] : [found];
  });
  return patient ?? null;
}
