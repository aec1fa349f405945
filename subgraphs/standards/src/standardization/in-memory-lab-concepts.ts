import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptRecord, LoincProperties } from '../vocabulary/concept-record';
import type { LabConcept, LabConceptMatch, LabConceptResolver } from './lab-result';
import { normalizeLabName, wordOverlap } from './lab-name';

/** Below this word overlap a name is not matched at all: a wrong LOINC is worse than none. */
const MIN_OVERLAP = 0.5;

interface NamedConcept {
  name: string;
  concept: LabConcept;
  kind: 'display' | 'synonym';
}

/** LOINC concepts held in memory (the starter vocabulary, or any list), matched by code and by name. */
export class InMemoryLabConcepts implements LabConceptResolver {
  private readonly byCode = new Map<string, LabConcept>();
  private readonly exactNames = new Map<string, NamedConcept>();
  private readonly names: NamedConcept[] = [];

  constructor(records: Iterable<ConceptRecord>) {
    for (const record of records) {
      if (record.system !== CodeSystem.LOINC || record.status !== 'active') continue;
      const concept: LabConcept = {
        code: record.code,
        display: record.display,
        properties: record.properties as LoincProperties,
      };
      this.byCode.set(record.code, concept);
      this.addName(record.display, concept, 'display');
      for (const synonym of record.synonyms) this.addName(synonym, concept, 'synonym');
    }
  }

  private addName(name: string, concept: LabConcept, kind: NamedConcept['kind']): void {
    const normalized = normalizeLabName(name);
    if (normalized === '') return;
    const entry = { name: normalized, concept, kind };
    this.names.push(entry);
    if (!this.exactNames.has(normalized)) this.exactNames.set(normalized, entry);
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, LabConcept>> {
    return this.byCodesNow(codes);
  }

  async byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch>> {
    const matches = new Map<string, LabConceptMatch>();
    for (const name of names) {
      const match = this.matchName(name);
      if (match) matches.set(name, match);
    }
    return matches;
  }

  byCodesNow(codes: readonly string[]): Map<string, LabConcept> {
    const found = new Map<string, LabConcept>();
    for (const code of codes) {
      const concept = this.byCode.get(code);
      if (concept) found.set(code, concept);
    }
    return found;
  }

  /** Exact display or synonym first; otherwise the best word overlap, if good enough. */
  matchName(normalizedName: string): LabConceptMatch | null {
    const exact = this.exactNames.get(normalizedName);
    if (exact) {
      return {
        concept: exact.concept,
        confidence: exact.kind === 'display' ? 0.95 : 0.9,
        reason: `name matches the LOINC ${exact.kind} "${exact.name}"`,
      };
    }
    let best: { entry: NamedConcept; score: number } | null = null;
    for (const entry of this.names) {
      const score = wordOverlap(normalizedName, entry.name);
      if (score >= MIN_OVERLAP && (!best || score > best.score)) best = { entry, score };
    }
    if (!best) return null;
    return {
      concept: best.entry.concept,
      confidence: Math.round((0.4 + 0.4 * best.score) * 100) / 100,
      reason: `name shares ${Math.round(best.score * 100)}% of its words with the LOINC ${best.entry.kind} "${best.entry.name}"`,
    };
  }
}
