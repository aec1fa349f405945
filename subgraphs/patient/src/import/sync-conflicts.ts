import type { EntityManager } from 'typeorm';
import type { BundleImportPlan, PlannedRecord, PlannedResource } from '../fhir/bundle-import-plan';
import { recordKindOf, type RecordKind } from '../fhir/record-kinds';
import { recordTable } from '../records/record-types';

/** What screening a synced plan took out of it, per FHIR resource type. */
export interface SyncScreening {
  /** Older than the copy already stored (a newer meta.lastUpdated wins): counted as unchanged. */
  stale: Map<string, number>;
  /** Records the patient edited that the EHR changed: kept, the incoming version stored in record_conflict. */
  conflicts: Map<string, number>;
}

const bump = (counts: Map<string, number>, type: string): void => {
  counts.set(type, (counts.get(type) ?? 0) + 1);
};

/** Incoming resources older than the stored copy from the same EHR; keys `Type/id`. One query. */
async function staleResources(
  manager: EntityManager,
  patientId: string,
  syncedFrom: string,
  resources: PlannedResource[],
): Promise<Set<string>> {
  const dated = resources.filter((r) => r.lastUpdated !== null);
  if (dated.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT f.resource_type, f.fhir_id FROM fhir_resource f
       JOIN unnest($3::text[], $4::text[], $5::timestamptz[]) AS r(resource_type, fhir_id, last_updated)
         ON f.resource_type = r.resource_type AND f.fhir_id = r.fhir_id
      WHERE f.patient_id = $1 AND f.synced_from = $2 AND f.last_updated > r.last_updated`,
    [
      patientId,
      syncedFrom,
      dated.map((r) => r.resourceType),
      dated.map((r) => r.fhirId),
      dated.map((r) => r.lastUpdated?.toISOString()),
    ],
  )) as { resource_type: string; fhir_id: string }[];
  return new Set(rows.map((row) => `${row.resource_type}/${row.fhir_id}`));
}

/**
 * Records of this EHR the patient edited and whose incoming content differs (one query per record kind present).
 * Returns the record id of each, keyed by the plan index of the incoming record.
 */
async function editedRecords(
  manager: EntityManager,
  patientId: string,
  syncedFrom: string,
  records: PlannedRecord[],
): Promise<Map<number, string>> {
  const edited = new Map<number, string>();
  const byKind = new Map<RecordKind, PlannedRecord[]>();
  for (const planned of records)
    byKind.set(planned.record.kind, [...(byKind.get(planned.record.kind) ?? []), planned]);
  for (const [kind, planned] of byKind) {
    const rows = (await manager.query(
      `SELECT id, source_fhir_id, content_hash FROM ${recordTable(kind).table}
        WHERE patient_id = $1 AND synced_from = $2 AND source_fhir_id = ANY($3) AND edited_at IS NOT NULL`,
      [patientId, syncedFrom, planned.map((p) => p.sourceFhirId)],
    )) as { id: string; source_fhir_id: string; content_hash: string | null }[];
    const stored = new Map(rows.map((row) => [row.source_fhir_id, row]));
    for (const p of planned) {
      const row = stored.get(p.sourceFhirId);
      if (row && row.content_hash !== p.contentHash) edited.set(p.index, row.id);
    }
  }
  return edited;
}

/**
 * Takes out of a synced plan what must not be written: resources older than the stored copy, and new versions of
 * records the patient edited by hand since they were synced. The latter are stored as open conflicts (a newer
 * incoming version replaces the one already waiting) for the patient to resolve. Mutates `plan`.
 */
export async function screenSyncedPlan(
  manager: EntityManager,
  patientId: string,
  syncedFrom: string,
  plan: BundleImportPlan,
): Promise<SyncScreening> {
  const screening: SyncScreening = { stale: new Map(), conflicts: new Map() };
  const stale = await staleResources(manager, patientId, syncedFrom, plan.resources);
  const dropped = new Set<number>();
  for (const resource of plan.resources)
    if (stale.has(`${resource.resourceType}/${resource.fhirId}`)) {
      dropped.add(resource.index);
      bump(screening.stale, resource.resourceType);
    }
  const edited = await editedRecords(
    manager,
    patientId,
    syncedFrom,
    plan.records.filter((r) => !dropped.has(r.index)),
  );
  for (const resource of plan.resources) {
    const recordId = edited.get(resource.index);
    if (recordId === undefined) continue;
    dropped.add(resource.index);
    bump(screening.conflicts, resource.resourceType);
    await manager.query(
      `INSERT INTO record_conflict (patient_id, record_kind, record_id, synced_from, resource_type, fhir_id,
         incoming_resource, incoming_hash, incoming_last_updated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (record_kind, record_id) WHERE resolved_at IS NULL DO UPDATE SET
         incoming_resource = EXCLUDED.incoming_resource, incoming_hash = EXCLUDED.incoming_hash,
         incoming_last_updated = EXCLUDED.incoming_last_updated, detected_at = now()`,
      [
        patientId,
        recordKindOf(resource.resourceType),
        recordId,
        syncedFrom,
        resource.resourceType,
        resource.fhirId,
        JSON.stringify(resource.resource),
        resource.contentHash,
        resource.lastUpdated,
      ],
    );
  }
  if (plan.patient !== null && dropped.has(plan.patient.index)) plan.patient = null;
  plan.resources = plan.resources.filter((r) => !dropped.has(r.index));
  plan.records = plan.records.filter((r) => !dropped.has(r.index));
  return screening;
}
