import type { InMemoryLabConcepts } from './in-memory-lab-concepts';
import type { LabConcept, LabConceptMatch, LabConceptResolver } from './lab-result';

/** Name matches at or above this from the curated in-memory synonyms are trusted without asking the database. */
const TRUSTED_CONFIDENCE = 0.9;

/**
 * The curated starter vocabulary in memory first (fast, with lab synonyms such as "Hgb" or "BUN"), then the
 * database for codes and names it does not know (full LOINC releases), then the in-memory fuzzy match.
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

  async byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch>> {
    const found = new Map<string, LabConceptMatch>();
    const fuzzy = new Map<string, LabConceptMatch>();
    for (const name of names) {
      const match = this.memory.matchName(name);
      if (match && match.confidence >= TRUSTED_CONFIDENCE) found.set(name, match);
      else if (match) fuzzy.set(name, match);
    }
    const remaining = names.filter((name) => !found.has(name));
    const fromDatabase =
      remaining.length > 0 ? await this.database.byNames(remaining) : new Map<string, LabConceptMatch>();
    for (const name of remaining) {
      const database = fromDatabase.get(name);
      const memory = fuzzy.get(name);
      const best = database && (!memory || database.confidence >= memory.confidence) ? database : memory;
      if (best) found.set(name, best);
    }
    return found;
  }
}
