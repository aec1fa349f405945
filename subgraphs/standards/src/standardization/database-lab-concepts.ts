import type { DataSource } from 'typeorm';
import { MatchKind, searchCodes } from '../search/code-search';
import { CodeSystem } from '../vocabulary/code-system';
import type { LoincProperties } from '../vocabulary/concept-record';
import { labNameParts } from './lab-name';
import type { LabConcept, LabConceptMatch, LabConceptResolver } from './lab-result';
import { specimenFit } from './specimen-fit';

/** Search candidates looked at per name; the standardizer keeps those above its confidence threshold. */
const CANDIDATES_PER_NAME = 5;

function confidenceFor(kind: MatchKind, score: number): number {
  switch (kind) {
    case MatchKind.EXACT_CODE:
      return 0.9;
    case MatchKind.CODE_PREFIX:
      return 0.3;
    case MatchKind.FULL_TEXT:
      return score >= 1 ? 0.9 : 0.6;
    case MatchKind.SIMILAR_TEXT:
      return Math.round((0.2 + 0.4 * score) * 100) / 100;
  }
}

/** LOINC concepts in the code_concept table (the starter vocabulary plus any imported LOINC release). */
export class DatabaseLabConcepts implements LabConceptResolver {
  constructor(private readonly dataSource: DataSource) {}

  async byCodes(codes: readonly string[]): Promise<Map<string, LabConcept>> {
    const rows = (await this.dataSource.query(
      `SELECT code, display, properties FROM code_concept WHERE system = $1 AND code = ANY($2::text[]) AND status = 'active'`,
      [CodeSystem.LOINC, codes],
    )) as { code: string; display: string; properties: LoincProperties }[];
    return new Map(rows.map((row) => [row.code, row]));
  }

  /**
   * One ranked search per distinct name; a batch has few distinct names however many results it holds. A
   * candidate whose display carries other distinguishing words (direct, free, hs…) or whose specimen contradicts
   * the name is dropped.
   */
  async byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch[]>> {
    const matches = new Map<string, LabConceptMatch[]>();
    for (const name of names) {
      const parts = labNameParts(name);
      const found: LabConceptMatch[] = [];
      for (const match of await searchCodes(this.dataSource, CodeSystem.LOINC, name, CANDIDATES_PER_NAME)) {
        if (match.status !== 'active') continue;
        const properties = match.properties as LoincProperties;
        const fit = specimenFit(parts.specimen, properties);
        if (fit < 0 || labNameParts(match.display).qualifiers !== parts.qualifiers) continue;
        found.push({
          concept: { code: match.code, display: match.display, properties },
          confidence: confidenceFor(match.kind, match.score),
          reason: `best ${match.kind.toLowerCase().replace('_', ' ')} search match for the name`,
          specimenFit: fit,
        });
      }
      if (found.length > 0) matches.set(name, found);
    }
    return matches;
  }
}
