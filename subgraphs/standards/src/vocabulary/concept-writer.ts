import type { EntityManager } from 'typeorm';
import type { ConceptRecord } from './concept-record';

/**
 * How an upsert treats a concept that already exists (synonyms are always merged):
 * - `replace`: an authoritative release row; its display, status and properties win.
 * - `fill`: the starter vocabulary or extra names; existing display, status and properties win.
 * - `display`: a preferred name only (SNOMED fully specified name); display wins, status and properties stay.
 * - `status`: a status only (SNOMED concept file); status wins, a new row shows its code until a name arrives.
 */
export type ConceptWriteMode = 'replace' | 'fill' | 'display' | 'status';

const FINAL_DISPLAY: Record<ConceptWriteMode, string> = {
  replace: 'EXCLUDED.display',
  fill: 'code_concept.display',
  display: 'EXCLUDED.display',
  status: 'code_concept.display',
};

const UPDATE_SETS: Record<ConceptWriteMode, string> = {
  replace: `display = EXCLUDED.display,
            status = EXCLUDED.status,
            properties = code_concept.properties || EXCLUDED.properties,`,
  fill: `properties = EXCLUDED.properties || code_concept.properties,`,
  display: `display = EXCLUDED.display,`,
  status: `status = EXCLUDED.status,`,
};

/** Inserts or updates a batch of concepts in one statement; safe to repeat (idempotent). */
export async function upsertConcepts(
  manager: EntityManager,
  concepts: readonly ConceptRecord[],
  mode: ConceptWriteMode,
): Promise<void> {
  if (concepts.length === 0) return;
  await manager.query(
    `INSERT INTO code_concept (system, code, display, synonyms, properties, status)
     SELECT r.system, r.code, r.display, r.synonyms, r.properties, r.status
     FROM jsonb_to_recordset($1::jsonb) AS r(system text, code text, display text, synonyms text[], properties jsonb, status text)
     ON CONFLICT (system, code) DO UPDATE SET
       ${UPDATE_SETS[mode]}
       synonyms = ARRAY(SELECT DISTINCT s FROM unnest(code_concept.synonyms || EXCLUDED.synonyms || ARRAY[code_concept.display, EXCLUDED.display]) AS s
                        WHERE s <> ${FINAL_DISPLAY[mode]} AND s <> code_concept.code ORDER BY s)`,
    [JSON.stringify(dedupe(concepts))],
  );
}

/** One statement cannot touch the same row twice, so a batch keeps the last record per key (merging synonyms). */
function dedupe(concepts: readonly ConceptRecord[]): ConceptRecord[] {
  const byKey = new Map<string, ConceptRecord>();
  for (const concept of concepts) {
    const key = `${concept.system}|${concept.code}`;
    const previous = byKey.get(key);
    byKey.set(
      key,
      previous
        ? { ...concept, synonyms: [...new Set([...previous.synonyms, ...concept.synonyms])] }
        : concept,
    );
  }
  return [...byKey.values()];
}
