import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptRecord } from '../vocabulary/concept-record';
import type { ImportRecord } from './import-record';
import { textLines } from './text-lines';

/** ICD-10-CM codes carry a dot after the category (3 characters); the order file leaves it out. */
export function dottedIcd10Code(raw: string): string {
  return raw.length > 3 ? `${raw.slice(0, 3)}.${raw.slice(3)}` : raw;
}

/**
 * One line of the CDC's fixed-width order file (icd10cm-order-YYYY.txt): order number (1–5), code (7–13),
 * billable flag (15: 1 valid for billing, 0 header), short title (17–76), long title (78–).
 */
export function icd10cmConcept(line: string): ConceptRecord | null {
  if (line.length < 17) return null;
  const code = line.slice(6, 13).trim();
  if (!/^[A-Z][0-9A-Z]{2,6}$/.test(code)) return null;
  const shortTitle = line.slice(16, 76).trim();
  const longTitle = line.slice(77).trim() || shortTitle;
  return {
    system: CodeSystem.ICD_10_CM,
    code: dottedIcd10Code(code),
    display: longTitle,
    synonyms: shortTitle && shortTitle !== longTitle ? [shortTitle] : [],
    properties: { billable: line.charAt(14) === '1' },
    status: 'active',
  };
}

export async function* readIcd10cmOrderFile(file: string): AsyncIterable<ImportRecord | null> {
  for await (const line of textLines(file)) {
    const concept = icd10cmConcept(line);
    yield concept ? { concept, mode: 'replace' } : null;
  }
}
