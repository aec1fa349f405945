import type { ReferenceResolver, RequestContext } from '@holovitals/subgraph-kit';
import { readPatientData } from '../access/record-read';
import { requireUuids } from '../access/uuid-arguments';
import { recordByIdLoader } from '../loaders/record-by-id.loader';
import type { ListKind } from '../loaders/record-list-specs';

/**
 * A record by key for the gateway (e.g. standards resolving `Observation.standardized`): batched per kind, then
 * access-checked and audited against the record's patient.
 */
export function recordReference(kind: ListKind, entityType: string): ReferenceResolver {
  return async (reference: Record<string, unknown>, ctx: RequestContext) => {
    await requireUuids(ctx, [reference.id], { action: 'read', entityType });
    const record = await recordByIdLoader(ctx, kind).load(String(reference.id));
    if (record === null) return null;
    const [visible] = await readPatientData(ctx, record.patientId, entityType, async () => [record]);
    return visible ?? null;
  };
}
