import { parseCodeSystem } from './code-system';
import type { ConceptRecord } from './concept-record';

interface Coding {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}

function isCoding(value: Record<string, unknown>): value is Record<string, unknown> & Coding {
  return typeof value['system'] === 'string' && typeof value['code'] === 'string';
}

/**
 * Every coding of a served terminology found anywhere in the given FHIR resources, with the first display seen as
 * the display and any other displays (and CodeableConcept.text) as synonyms. Sorted by system, then code.
 */
export function extractSyntheaVocabulary(resources: Iterable<unknown>): ConceptRecord[] {
  const concepts = new Map<string, ConceptRecord>();
  const addName = (concept: ConceptRecord, name: unknown): void => {
    if (typeof name !== 'string' || name.trim() === '') return;
    const trimmed = name.trim();
    if (trimmed !== concept.display && !concept.synonyms.includes(trimmed)) concept.synonyms.push(trimmed);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record['coding'])) {
      for (const coding of record['coding'] as unknown[]) {
        if (coding === null || typeof coding !== 'object' || !isCoding(coding as Record<string, unknown>))
          continue;
        const { system, code, display } = coding as { system: string; code: string; display?: unknown };
        const parsed = parseCodeSystem(system);
        if (parsed === null) continue;
        const key = `${parsed}|${code}`;
        let concept = concepts.get(key);
        if (!concept) {
          const name = typeof display === 'string' && display.trim() !== '' ? display.trim() : code;
          concept = { system: parsed, code, display: name, synonyms: [], properties: {}, status: 'active' };
          concepts.set(key, concept);
        }
        addName(concept, display);
        addName(concept, record['text']);
      }
    }
    for (const value of Object.values(record)) visit(value);
  };
  for (const resource of resources) visit(resource);
  return [...concepts.values()].sort(
    (a, b) => a.system.localeCompare(b.system) || a.code.localeCompare(b.code),
  );
}
