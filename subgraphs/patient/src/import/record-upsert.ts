import type { EntityManager } from 'typeorm';
import type { PlannedRecord } from '../fhir/bundle-import-plan';
import type { RecordKind } from '../fhir/record-kinds';
import { recordTable } from '../records/record-types';
import type { RecordTable } from './record-tables';

/** Rows an upsert inserted and updated; rows it left alone are not counted. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * A set-based upsert of one record table: `$1` is the patient id, `$<rowsParam>` a JSON array of rows. Rows whose
 * content hash is unchanged are left untouched, so re-importing an unchanged bundle writes nothing; a synced row its
 * patient edited is never overwritten here (the import turns those into conflicts first, see sync-conflicts.ts).
 */
export function recordUpsertSql<F>(spec: RecordTable<F>, rowsParam: number): string {
  const names = spec.columns.map((c) => `"${c.column}"`);
  return `
    INSERT INTO ${spec.table} AS t (patient_id, synced_from, source_fhir_id, content_hash, ${names.join(', ')})
    SELECT $1::uuid, r.synced_from, r.source_fhir_id, r.content_hash, ${names.map((n) => `r.${n}`).join(', ')}
    FROM jsonb_to_recordset($${rowsParam}::jsonb) AS r(synced_from text, source_fhir_id text, content_hash text, ${spec.columns
      .map((c) => `"${c.column}" ${c.sqlType}`)
      .join(', ')})
    ON CONFLICT (patient_id, synced_from, source_fhir_id) DO UPDATE SET
      content_hash = EXCLUDED.content_hash, ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      version = t.version + 1, updated_at = now()
    WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash AND (t.edited_at IS NULL OR t.synced_from = '')
    RETURNING (xmax = 0) AS inserted`;
}

/** The JSON rows `recordUpsertSql` reads for a batch of planned records. */
export function recordRowsJson(kind: RecordKind, records: PlannedRecord[]): string {
  const spec = recordTable(kind);
  return JSON.stringify(
    records.map((planned) => {
      const row: Record<string, unknown> = {
        synced_from: planned.syncedFrom,
        source_fhir_id: planned.sourceFhirId,
        content_hash: planned.contentHash,
      };
      for (const column of spec.columns) row[column.column] = column.value(planned.record.fields);
      return row;
    }),
  );
}

/** Counts what an `INSERT … RETURNING (xmax = 0) AS inserted` wrote. */
export function countUpserted(rows: { inserted: boolean }[]): UpsertCounts {
  const inserted = rows.filter((row) => row.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

/** Upserts records of one kind for one patient in a statement of its own. */
export async function upsertRecords(
  manager: EntityManager,
  kind: RecordKind,
  patientId: string,
  records: PlannedRecord[],
): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const sql = recordUpsertSql(recordTable(kind), 2);
  const returned = (await manager.query(sql, [patientId, recordRowsJson(kind, records)])) as {
    inserted: boolean;
  }[];
  return countUpserted(returned);
}
