import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptRecord } from '../vocabulary/concept-record';
import type { ImportRecord } from './import-record';

const CODE_COLUMNS = ['code', 'cpt', 'cpt code', 'hcpcs'];
const DESCRIPTOR_COLUMNS = ['long descriptor', 'descriptor', 'description', 'long description', 'display'];

/** A CPT code is five characters: digits, or four digits and F/T/U (category II/III, PLA). */
const CPT_CODE = /^[0-9]{4}[0-9FTU]$/;

function indexOf(header: string[], names: string[]): number {
  const lower = header.map((name) => name.trim().toLowerCase());
  for (const name of names) {
    const index = lower.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

export function cptConcept(code: string | undefined, descriptor: string | undefined): ConceptRecord | null {
  const trimmed = code?.trim().toUpperCase() ?? '';
  const display = descriptor?.trim() ?? '';
  if (!CPT_CODE.test(trimmed) || display === '') return null;
  return { system: CodeSystem.CPT, code: trimmed, display, synonyms: [], properties: {}, status: 'active' };
}

/**
 * Streams a CPT CSV of code + descriptor (AMA licensed data, exported by the licensee). A header naming the columns
 * is used when present; otherwise the first two columns are code and descriptor.
 */
export async function* readCptCsv(file: string): AsyncIterable<ImportRecord | null> {
  const rows = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, trim: true }));
  let codeIndex = 0;
  let descriptorIndex = 1;
  let first = true;
  for await (const row of rows as AsyncIterable<string[]>) {
    if (first) {
      first = false;
      const namedCode = indexOf(row, CODE_COLUMNS);
      if (namedCode >= 0) {
        codeIndex = namedCode;
        const namedDescriptor = indexOf(row, DESCRIPTOR_COLUMNS);
        descriptorIndex = namedDescriptor >= 0 ? namedDescriptor : namedCode === 0 ? 1 : 0;
        yield null;
        continue;
      }
    }
    const concept = cptConcept(row[codeIndex], row[descriptorIndex]);
    yield concept ? { concept, mode: 'replace' } : null;
  }
}
