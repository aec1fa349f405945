import type { EntityManager } from 'typeorm';
import type { BundleImportPlan, PlannedRecord } from '../fhir/bundle-import-plan';
import { RECORD_KINDS, type RecordKind } from '../fhir/record-kinds';
import { fhirResourceRowsJson, fhirResourceUpsertSql } from './fhir-resource-upsert';
import { recordTable } from '../records/record-types';
import { recordRowsJson, recordUpsertSql, type UpsertCounts } from './record-upsert';

/** Per target (`fhir_resource` or a record kind), what the bundle upsert wrote. */
export type BundleUpsertCounts = Map<'fhir_resource' | RecordKind, UpsertCounts>;

/** What the bundle upsert wrote: per target, and raw resources per FHIR resource type. */
export interface BundleUpsertResult {
  counts: BundleUpsertCounts;
  byResourceType: Map<string, UpsertCounts>;
}

function groupByKind(records: PlannedRecord[]): Map<RecordKind, PlannedRecord[]> {
  const grouped = new Map<RecordKind, PlannedRecord[]>();
  for (const planned of records) {
    const list = grouped.get(planned.record.kind) ?? [];
    list.push(planned);
    grouped.set(planned.record.kind, list);
  }
  return grouped;
}

/**
 * Writes a bundle's raw resources and typed records in one statement (one data-modifying CTE per table), so an
 * import costs one round trip to the database however many tables it touches.
 */
export async function upsertBundle(
  manager: EntityManager,
  patientId: string,
  plan: BundleImportPlan,
): Promise<BundleUpsertResult> {
  const counts: BundleUpsertCounts = new Map();
  const byResourceType = new Map<string, UpsertCounts>();
  const params: unknown[] = [patientId];
  const ctes: { target: 'fhir_resource' | RecordKind; sql: string }[] = [];
  if (plan.resources.length > 0) {
    params.push(fhirResourceRowsJson(plan.resources));
    ctes.push({ target: 'fhir_resource', sql: fhirResourceUpsertSql(params.length) });
  }
  const grouped = groupByKind(plan.records);
  for (const kind of RECORD_KINDS) {
    const records = grouped.get(kind);
    if (records === undefined) continue;
    params.push(recordRowsJson(kind, records));
    ctes.push({
      target: kind,
      sql: recordUpsertSql(recordTable(kind), params.length),
    });
  }
  if (ctes.length === 0) return { counts, byResourceType };
  // Raw resources are counted per resource type (the rows' sum is the fhir_resource total); records per table.
  const sql = `WITH ${ctes.map((c, i) => `w${i} AS (${c.sql})`).join(',\n')}
    ${ctes
      .map(
        (c, i) =>
          `SELECT '${c.target}' AS target, ${c.target === 'fhir_resource' ? 'resource_type' : 'NULL::text'} AS resource_type,
             (count(*) FILTER (WHERE inserted))::int AS inserted,
             (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM w${i}
           ${c.target === 'fhir_resource' ? 'GROUP BY resource_type' : ''}`,
      )
      .join('\nUNION ALL\n')}`;
  const rows = (await manager.query(sql, params)) as {
    target: 'fhir_resource' | RecordKind;
    resource_type: string | null;
    inserted: number;
    updated: number;
  }[];
  for (const row of rows) {
    const total = counts.get(row.target) ?? { inserted: 0, updated: 0 };
    counts.set(row.target, { inserted: total.inserted + row.inserted, updated: total.updated + row.updated });
    if (row.resource_type !== null)
      byResourceType.set(row.resource_type, { inserted: row.inserted, updated: row.updated });
  }
  return { counts, byResourceType };
}
