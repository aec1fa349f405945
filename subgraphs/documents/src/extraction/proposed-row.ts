import type { ExtractionEntity } from '../entities/extraction.entity';

/** One result an extractor proposes, before it is tied to a document run. */
export type ProposedRow = Omit<
  ExtractionEntity,
  'id' | 'documentId' | 'patientId' | 'generation' | 'status' | 'decidedAt' | 'decidedBy' | 'createdAt'
>;

/** Lower-cased name with single spaces: the code under which standards looks the printed name up. */
export const normalizedName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

export const noLabFields = {
  value: null,
  unit: null,
  referenceLow: null,
  referenceHigh: null,
  referenceText: null,
  flag: null,
};
export const noConditionFields = { clinicalStatus: null, onsetText: null };
export const noMedicationFields = { dose: null, route: null, frequency: null };

/** The same result for merging: kind, page and printed name. */
const sameResultKey = (row: ProposedRow): string =>
  `${row.kind}|${row.pageNumber}|${normalizedName(row.display)}`;

/**
 * The rules' rows, then the model's rows the rules did not find (same kind, page and name): where both read a
 * result, the rules' row stands, since its values come straight from the page layout.
 */
export function mergedRows(rules: readonly ProposedRow[], model: readonly ProposedRow[]): ProposedRow[] {
  const seen = new Set(rules.map(sameResultKey));
  const added: ProposedRow[] = [];
  for (const row of model) {
    const key = sameResultKey(row);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(row);
  }
  return [...rules, ...added];
}
