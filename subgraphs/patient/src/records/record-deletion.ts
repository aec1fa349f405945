import type { EntityManager } from 'typeorm';
import { deletedRecordKey } from '../fhir/bundle-import-plan';
import { resourceTypesOf, type RecordKind } from '../fhir/record-kinds';

/** A record just removed from its table, as the tombstone remembers it. */
export interface DeletedRecord {
  kind: RecordKind;
  id: string;
  patientId: string;
  sourceFhirId: string | null;
  deletedBy: string | null;
}

/**
 * Completes a deletion inside the caller's transaction: the raw FHIR resource the record came from is removed too
 * (so `Patient.fhirResources` no longer shows it) and a tombstone keeps later imports from bringing it back. A
 * hand-entered record is remembered under its own id, the FHIR id an export gives it.
 */
export async function rememberDeletion(manager: EntityManager, record: DeletedRecord): Promise<void> {
  if (record.sourceFhirId !== null) {
    await manager.query(
      `DELETE FROM fhir_resource WHERE patient_id = $1 AND fhir_id = $2 AND resource_type = ANY($3)`,
      [record.patientId, record.sourceFhirId, resourceTypesOf(record.kind)],
    );
  }
  await manager.query(
    `INSERT INTO record_deletion (patient_id, record_kind, source_fhir_id, record_id, deleted_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (patient_id, record_kind, source_fhir_id) DO UPDATE SET record_id = EXCLUDED.record_id,
       deleted_by = EXCLUDED.deleted_by, deleted_at = now()`,
    [record.patientId, record.kind, record.sourceFhirId ?? record.id, record.id, record.deletedBy],
  );
}

/** Tombstone keys (see `deletedRecordKey`) among these FHIR ids of one patient; one query. */
export async function findDeletedRecords(
  manager: EntityManager,
  patientId: string,
  fhirIds: string[],
): Promise<Set<string>> {
  if (fhirIds.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT record_kind, source_fhir_id FROM record_deletion WHERE patient_id = $1 AND source_fhir_id = ANY($2)`,
    [patientId, fhirIds],
  )) as { record_kind: RecordKind; source_fhir_id: string }[];
  return new Set(rows.map((row) => deletedRecordKey(row.record_kind, row.source_fhir_id)));
}
