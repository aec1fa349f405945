import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeSystem } from './code-system';
import type { ConceptRecord, LoincProperties, ReferenceInterval } from './concept-record';

/** Same depth from src/vocabulary and dist/vocabulary. */
const VOCABULARY_DIR = join(__dirname, '..', '..', 'fixtures', 'vocabulary');

interface SyntheaCode {
  system: CodeSystem;
  code: string;
  display: string;
  synonyms: string[];
}

type LoincPropertyRow = LoincProperties & { code: string; synonyms: string[] };

type ReferenceIntervalRow = ReferenceInterval & { code: string };

/** A commonly ordered test not in the Synthea data, with the public page its code was checked against. */
type CommonLabRow = LoincProperties & { code: string; display: string; synonyms: string[] };

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(VOCABULARY_DIR, file), 'utf8')) as T;
}

let cached: ConceptRecord[] | null = null;

/**
 * The vocabulary shipped with the repository: every code in the Synthea sample data (displays from Synthea,
 * Apache-2.0), LOINC model properties and typical adult reference intervals for its LOINC codes, the commonly
 * ordered lab tests (loinc-common-labs.json, each code with the public page it was checked against), and a
 * curated public-domain ICD-10-CM subset.
 */
export function starterVocabulary(): ConceptRecord[] {
  if (cached) return cached;
  const loincProperties = new Map(
    readJson<LoincPropertyRow[]>('loinc-lab-properties.json').map((row) => [row.code, row]),
  );
  const referenceIntervals = new Map(
    readJson<ReferenceIntervalRow[]>('loinc-reference-intervals.json').map(({ code, ...interval }) => [
      code,
      interval,
    ]),
  );
  const concepts: ConceptRecord[] = readJson<SyntheaCode[]>('synthea-codes.json').map((row) => {
    const isLoinc = row.system === CodeSystem.LOINC;
    const extra = isLoinc ? loincProperties.get(row.code) : undefined;
    const { code: _code, synonyms: extraSynonyms = [], ...loinc } = extra ?? { code: row.code, synonyms: [] };
    const referenceInterval = isLoinc ? referenceIntervals.get(row.code) : undefined;
    const properties: Record<string, unknown> = referenceInterval ? { ...loinc, referenceInterval } : loinc;
    const synonyms = [...new Set([...row.synonyms, ...extraSynonyms])].filter((name) => name !== row.display);
    return {
      system: row.system,
      code: row.code,
      display: row.display,
      synonyms,
      properties,
      status: 'active',
    };
  });
  const known = new Set(concepts.map((concept) => `${concept.system}|${concept.code}`));
  for (const { code, display, synonyms, ...properties } of readJson<CommonLabRow[]>(
    'loinc-common-labs.json',
  )) {
    if (known.has(`${CodeSystem.LOINC}|${code}`)) continue;
    const referenceInterval = referenceIntervals.get(code);
    concepts.push({
      system: CodeSystem.LOINC,
      code,
      display,
      synonyms,
      properties: referenceInterval ? { ...properties, referenceInterval } : properties,
      status: 'active',
    });
  }
  for (const [code, display] of readJson<[string, string][]>('icd10cm-starter.json')) {
    concepts.push({
      system: CodeSystem.ICD_10_CM,
      code,
      display,
      synonyms: [],
      properties: {},
      status: 'active',
    });
  }
  cached = concepts;
  return concepts;
}
