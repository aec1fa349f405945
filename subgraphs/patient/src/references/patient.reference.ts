import type { RequestContext } from '@holovitals/subgraph-kit';
import { readPatientData } from '../access/record-read';
import type { PatientEntity } from '../entities/patient.entity';
import { patientLoader } from '../loaders/patient.loader';

/** Patient by key for the gateway: batched, access-checked and audited like the `patient` query. */
export async function resolvePatientReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<PatientEntity | null> {
  const id = String(reference.id);
  const [patient] = await readPatientData(ctx, id, 'Patient', async () => {
    const found = await patientLoader(ctx).load(id);
    return found === null ? [] : [found];
  });
  return patient ?? null;
}
