import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptRecord, LoincProperties } from '../vocabulary/concept-record';
import { type LabNameParts, labNameParts, normalizeLabName, oneEditApart, wordOverlap } from './lab-name';
import type { LabConcept, LabConceptMatch, LabConceptResolver } from './lab-result';
import { specimenFit } from './specimen-fit';

/** Word overlap below this is not even a candidate. */
const MIN_OVERLAP = 0.5;
/** Typos are corrected only in words this long: short words (PT, K, T4) differ by one letter from other tests. */
const MIN_TYPO_WORD = 5;

/** Confidence of each way a name can match (documented in the package README). */
export const NAME_CONFIDENCE = {
  display: 0.95,
  synonym: 0.9,
  sameWords: 0.88,
  twoNames: 0.85,
  typoCorrected: 0.8,
} as const;

interface NamedConcept {
  name: string;
  parts: LabNameParts;
  concept: LabConcept;
  kind: 'display' | 'synonym';
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** LOINC concepts held in memory (the starter vocabulary, or any list), matched by code and by name. */
export class InMemoryLabConcepts implements LabConceptResolver {
  private readonly byCode = new Map<string, LabConcept>();
  private readonly exactNames = new Map<string, NamedConcept[]>();
  private readonly byKey = new Map<string, NamedConcept[]>();
  private readonly names: NamedConcept[] = [];
  private readonly words = new Set<string>();

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
      const shortName = concept.properties.shortName;
      if (shortName) this.addName(shortName, concept, 'synonym');
      for (const synonym of record.synonyms) this.addName(synonym, concept, 'synonym');
    }
  }

  private addName(name: string, concept: LabConcept, kind: NamedConcept['kind']): void {
    const normalized = normalizeLabName(name);
    if (normalized === '') return;
    const entry = { name: normalized, parts: labNameParts(name), concept, kind };
    this.names.push(entry);
    pushTo(this.exactNames, normalized, entry);
    pushTo(this.byKey, `${entry.parts.key}|${entry.parts.qualifiers}`, entry);
    for (const word of entry.parts.words) this.words.add(word);
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, LabConcept>> {
    return this.byCodesNow(codes);
  }

  async byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch[]>> {
    const matches = new Map<string, LabConceptMatch[]>();
    for (const name of names) {
      const candidates = this.matchName(name);
      if (candidates.length > 0) matches.set(name, candidates);
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

  /**
   * Every concept the name could mean, best first: the exact display or a curated synonym; the same test words
   * and qualifiers in any order, spelling or with filler words; the same after correcting one-letter typos in
   * long words; otherwise the best word overlap with equal qualifiers. Concepts whose specimen contradicts the
   * name (urine vs serum) are never candidates.
   */
  matchName(normalizedName: string): LabConceptMatch[] {
    const parts = labNameParts(normalizedName);
    const exact = this.exactNames.get(normalizedName);
    if (exact) {
      const found = this.candidates(exact, parts, (entry) => ({
        confidence: entry.kind === 'display' ? NAME_CONFIDENCE.display : NAME_CONFIDENCE.synonym,
        reason: `name matches the LOINC ${entry.kind} "${entry.name}"`,
      }));
      if (found.length > 0) return found;
    }
    if (parts.key === '') return [];
    const same = this.byKey.get(`${parts.key}|${parts.qualifiers}`);
    if (same) {
      const found = this.candidates(same, parts, (entry) => ({
        confidence: NAME_CONFIDENCE.sameWords,
        reason: `name has the words of the LOINC ${entry.kind} "${entry.name}"`,
      }));
      if (found.length > 0) return found;
    }
    const twoNames = this.twoNamesOfOneConcept(parts);
    if (twoNames.length > 0) return twoNames;
    const corrected = this.correctTypos(parts);
    if (corrected) {
      const typo = this.byKey.get(`${corrected.key}|${parts.qualifiers}`);
      if (typo) {
        const found = this.candidates(typo, parts, (entry) => ({
          confidence: NAME_CONFIDENCE.typoCorrected,
          reason: `name read as "${corrected.key}" (${corrected.changes.join(', ')}), the words of the LOINC ${entry.kind} "${entry.name}"`,
        }));
        if (found.length > 0) return found;
      }
    }
    return this.overlapCandidates(parts);
  }

  private overlapCandidates(parts: LabNameParts): LabConceptMatch[] {
    const scored: { entry: NamedConcept; score: number }[] = [];
    for (const entry of this.names) {
      if (entry.parts.qualifiers !== parts.qualifiers) continue;
      const score = wordOverlap(parts.words, entry.parts.words);
      if (score >= MIN_OVERLAP) scored.push({ entry, score });
    }
    scored.sort((a, b) => b.score - a.score);
    const scores = new Map(scored.map(({ entry, score }) => [entry, score]));
    return this.candidates(
      scored.map(({ entry }) => entry),
      parts,
      (entry) => {
        const score = scores.get(entry) ?? 0;
        return {
          confidence: Math.round((0.4 + 0.4 * score) * 100) / 100,
          reason: `name shares ${Math.round(score * 100)}% of its words with the LOINC ${entry.kind} "${entry.name}"`,
        };
      },
    );
  }

  /**
   * A name printed as two names of the same test ("Hemoglobin (Hgb)", "Thyroxine (T4)"): its words are exactly
   * the words of one name of a concept plus those of another name of the same concept.
   */
  private twoNamesOfOneConcept(parts: LabNameParts): LabConceptMatch[] {
    if (parts.words.length < 2) return [];
    const words = new Set(parts.words);
    const found: NamedConcept[] = [];
    const reasons = new Map<NamedConcept, string>();
    for (const first of this.names) {
      if (first.parts.qualifiers !== parts.qualifiers || first.parts.words.length >= words.size) continue;
      if (!first.parts.words.every((word) => words.has(word))) continue;
      const rest = parts.words.filter((word) => !first.parts.words.includes(word)).join(' ');
      // The distinguishing word may sit in either half ("Glucose fasting (FPG)").
      const second = [
        ...(this.byKey.get(`${rest}|${parts.qualifiers}`) ?? []),
        ...(this.byKey.get(`${rest}|`) ?? []),
      ].find((entry) => entry.concept.code === first.concept.code);
      if (!second) continue;
      found.push(first);
      reasons.set(
        first,
        `name combines two names of one LOINC concept, "${first.name}" and "${second.name}"`,
      );
    }
    return this.candidates(found, parts, (entry) => ({
      confidence: NAME_CONFIDENCE.twoNames,
      reason: reasons.get(entry) ?? '',
    }));
  }

  /** One candidate per concept (its best name), without concepts whose specimen contradicts the name. */
  private candidates(
    entries: readonly NamedConcept[],
    parts: LabNameParts,
    rate: (entry: NamedConcept) => { confidence: number; reason: string },
  ): LabConceptMatch[] {
    const best = new Map<string, LabConceptMatch>();
    for (const entry of entries) {
      const fit = specimenFit(parts.specimen, entry.concept.properties);
      if (fit < 0) continue;
      const { confidence, reason } = rate(entry);
      const known = best.get(entry.concept.code);
      if (!known || confidence > known.confidence)
        best.set(entry.concept.code, { concept: entry.concept, confidence, reason, specimenFit: fit });
    }
    return [...best.values()].sort((a, b) => b.confidence - a.confidence);
  }

  /** The name's words with unknown long words replaced by the one known word a single edit away, if any. */
  private correctTypos(parts: LabNameParts): { key: string; changes: string[] } | null {
    const changes: string[] = [];
    const words = parts.words.map((word) => {
      if (this.words.has(word) || word.length < MIN_TYPO_WORD) return word;
      const near = [...this.words].filter(
        (known) => known.length >= MIN_TYPO_WORD && oneEditApart(word, known),
      );
      if (near.length !== 1) return word;
      changes.push(`"${word}" as "${near[0]}"`);
      return near[0]!;
    });
    return changes.length > 0 ? { key: [...new Set(words)].sort().join(' '), changes } : null;
  }
}
