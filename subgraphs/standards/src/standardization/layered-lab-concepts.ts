import type { InMemoryLabConcepts } from './in-memory-lab-concepts';
import type { LabConcept, LabConceptMatch, LabConceptResolver } from './lab-result';

/** Name matches at or above this from the curated in-memory names are trusted without asking the database. */
const TRUSTED_CONFIDENCE = 0.88;

/**
 * The curated starter vocabulary in memory first (fast, with lab synonyms such as "Hgb" or "BUN"), then the
 * database for codes and names it does not know (full LOINC releases); for a name both answered, the
 * candidates of both, best first.
 */
export class LayeredLabConcepts implements LabConceptResolver {
  constructor(
    private readonly memory: InMemoryLabConcepts,
    private readonly database: LabConceptResolver,
  ) {}

  async byCodes(codes: readonly string[]): Promise<Map<string, LabConcept>> {
    const found = this.memory.byCodesNow(codes);
    const missing = codes.filter((code) => !found.has(code));
    if (missing.length > 0)
      for (const [code, concept] of await this.database.byCodes(missing)) found.set(code, concept);
    return found;
  }

  async byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch[]>> {
    const found = new Map<string, LabConceptMatch[]>();
    const remaining: string[] = [];
    for (const name of names) {
      const candidates = this.memory.matchName(name);
      if (candidates.length > 0) found.set(name, candidates);
      if ((candidates[0]?.confidence ?? 0) < TRUSTED_CONFIDENCE) remaining.push(name);
    }
    if (remaining.length === 0) return found;
    for (const [name, fromDatabase] of await this.database.byNames(remaining)) {
      const memory = found.get(name) ?? [];
      const codes = new Set(memory.map((match) => match.concept.code));
      const merged = [...memory, ...fromDatabase.filter((match) => !codes.has(match.concept.code))];
      found.set(
        name,
        merged.sort((a, b) => b.confidence - a.confidence),
      );
    }
    return found;
  }
}
