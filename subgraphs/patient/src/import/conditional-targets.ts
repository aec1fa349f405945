import type { EntityManager } from 'typeorm';
import { conditionalKey, type ConditionalReference } from '../fhir/bundle-references';

/**
 * Finds stored resources of this patient that satisfy conditional references a bundle could not resolve itself
 * (e.g. `Practitioner?identifier=…` of a practitioner imported earlier). One query for all of them.
 */
export async function findConditionalTargets(
  manager: EntityManager,
  patientId: string,
  references: ConditionalReference[],
): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  if (references.length === 0) return targets;
  const rows = (await manager.query(
    `SELECT f.resource_type, f.fhir_id, i->>'system' AS system, i->>'value' AS value
       FROM fhir_resource f, jsonb_array_elements(COALESCE(f.resource->'identifier', '[]'::jsonb)) AS i
      WHERE f.patient_id = $1 AND f.resource_type = ANY($2) AND i->>'value' = ANY($3)`,
    [
      patientId,
      [...new Set(references.map((r) => r.resourceType))],
      [...new Set(references.map((r) => r.value))],
    ],
  )) as { resource_type: string; fhir_id: string; system: string | null; value: string }[];
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    const target = `${row.resource_type}/${row.fhir_id}`;
    for (const key of [
      conditionalKey({ resourceType: row.resource_type, system: row.system, value: row.value }),
      conditionalKey({ resourceType: row.resource_type, system: null, value: row.value }),
    ]) {
      seen.set(key, (seen.get(key) ?? new Set()).add(target));
    }
  }
  for (const reference of references) {
    const matches = seen.get(conditionalKey(reference));
    // Ambiguous matches stay unresolved, so the entry reports them instead of picking one at random.
    if (matches?.size === 1) targets.set(conditionalKey(reference), [...matches][0]);
  }
  return targets;
}
