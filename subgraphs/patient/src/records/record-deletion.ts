import type { EntityManager } from 'typeorm';
import { deletedRecordKey } from '../fhir/bundle-import-plan';
import { resourceTypesOf, type RecordKind } from '../fhir/record-kinds';

/** A record just removed from its table, as the tombstone remembers it. */
export interface DeletedRecord {
  kind: RecordKind;
  id: string;
  patientId: string;
  sourceFhirId: string | null;
  /** The EHR a synced record came from; null for the patient's own. */
  syncedFrom: string | null;
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
      `DELETE FROM fhir_resource
        WHERE patient_id = $1 AND synced_from = $2 AND fhir_id = $3 AND resource_type = ANY($4)`,
      [record.patientId, record.syncedFrom ?? '', record.sourceFhirId, resourceTypesOf(record.kind)],
    );
  }
  await manager.query(
    `INSERT INTO record_deletion (patient_id, synced_from, record_kind, source_fhir_id, record_id, deleted_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (patient_id, synced_from, record_kind, source_fhir_id) DO UPDATE SET record_id = EXCLUDED.record_id,
       deleted_by = EXCLUDED.deleted_by, deleted_at = now()`,
    [
      record.patientId,
      record.syncedFrom ?? '',
      record.kind,
      record.sourceFhirId ?? record.id,
      record.id,
      record.deletedBy,
    ],
  );
}

/** Tombstone keys (see `deletedRecordKey`) among these FHIR ids of one patient and source; one query. */
export async function findDeletedRecords(
  manager: EntityManager,
  patientId: string,
  fhirIds: string[],
  syncedFrom = '',
): Promise<Set<string>> {
  if (fhirIds.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT record_kind, source_fhir_id FROM record_deletion
      WHERE patient_id = $1 AND synced_from = $2 AND source_fhir_id = ANY($3)`,
    [patientId, syncedFrom, fhirIds],
  )) as { record_kind: RecordKind; source_fhir_id: string }[];
  return new Set(rows.map((row) => deletedRecordKey(row.record_kind, row.source_fhir_id)));
}
