import type { EntityManager } from 'typeorm';
import type { PlannedResource } from '../fhir/bundle-import-plan';
import { countUpserted, type UpsertCounts } from './record-upsert';

/** Set-based upsert of raw resources: `$1` is the patient id, `$<rowsParam>` a JSON array from `fhirResourceRowsJson`. */
export function fhirResourceUpsertSql(rowsParam: number): string {
  return `
    INSERT INTO fhir_resource AS t
      (patient_id, synced_from, resource_type, fhir_id, source_system, version_id, last_updated, content_hash,
       resource)
    SELECT $1::uuid, r.synced_from, r.resource_type, r.fhir_id, r.source_system, r.version_id, r.last_updated,
      r.content_hash, r.resource
    FROM jsonb_to_recordset($${rowsParam}::jsonb) AS r(synced_from text, resource_type text, fhir_id text,
      source_system text, version_id text, last_updated timestamptz, content_hash text, resource jsonb)
    ON CONFLICT (patient_id, synced_from, resource_type, fhir_id) DO UPDATE SET
      source_system = EXCLUDED.source_system, version_id = EXCLUDED.version_id, last_updated = EXCLUDED.last_updated,
      content_hash = EXCLUDED.content_hash, resource = EXCLUDED.resource, version = t.version + 1, updated_at = now()
    WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash
      AND (t.last_updated IS NULL OR EXCLUDED.last_updated IS NULL OR EXCLUDED.last_updated >= t.last_updated)
    RETURNING (xmax = 0) AS inserted, t.resource_type`;
}

export function fhirResourceRowsJson(resources: PlannedResource[]): string {
  return JSON.stringify(
    resources.map((r) => ({
      synced_from: r.syncedFrom,
      resource_type: r.resourceType,
      fhir_id: r.fhirId,
      source_system: r.sourceSystem,
      version_id: r.versionId,
      last_updated: r.lastUpdated,
      content_hash: r.contentHash,
      resource: r.resource,
    })),
  );
}

/** Keeps raw resources in a statement of its own. */
export async function upsertFhirResources(
  manager: EntityManager,
  patientId: string,
  resources: PlannedResource[],
): Promise<UpsertCounts> {
  if (resources.length === 0) return { inserted: 0, updated: 0 };
  const returned = (await manager.query(fhirResourceUpsertSql(2), [
    patientId,
    fhirResourceRowsJson(resources),
  ])) as { inserted: boolean }[];
  return countUpserted(returned);
}
