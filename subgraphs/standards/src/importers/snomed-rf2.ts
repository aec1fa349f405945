import { CodeSystem } from '../vocabulary/code-system';
import type { ImportRecord } from './import-record';
import { textLines } from './text-lines';

const FULLY_SPECIFIED_NAME = '900000000000003001';
const SYNONYM = '900000000000013009';

type Columns = Record<string, number>;

function columnsOf(header: string): Columns {
  return Object.fromEntries(header.split('\t').map((name, index) => [name.trim(), index]));
}

/** A row of sct2_Concept_Snapshot: the concept's status (names come from the description file). */
export function snomedConceptRow(fields: string[], columns: Columns): ImportRecord | null {
  const code = fields[columns['id']!];
  if (!code) return null;
  return {
    concept: {
      system: CodeSystem.SNOMED_CT,
      code,
      display: code,
      synonyms: [],
      properties: {},
      status: fields[columns['active']!] === '1' ? 'active' : 'inactive',
    },
    mode: 'status',
  };
}

/** A row of sct2_Description_Snapshot: an active FSN becomes the display, an active synonym a synonym. */
export function snomedDescriptionRow(fields: string[], columns: Columns): ImportRecord | null {
  if (fields[columns['active']!] !== '1') return null;
  const code = fields[columns['conceptId']!];
  const term = fields[columns['term']!]?.trim();
  const type = fields[columns['typeId']!];
  if (!code || !term || (type !== FULLY_SPECIFIED_NAME && type !== SYNONYM)) return null;
  const fsn = type === FULLY_SPECIFIED_NAME;
  return {
    concept: {
      system: CodeSystem.SNOMED_CT,
      code,
      display: term,
      synonyms: fsn ? [] : [term],
      properties: {},
      status: 'active',
    },
    mode: fsn ? 'display' : 'fill',
  };
}

/** Streams an RF2 concept or description snapshot file; which one is read from its header. */
export async function* readSnomedRf2(file: string): AsyncIterable<ImportRecord | null> {
  let columns: Columns | null = null;
  let isDescription = false;
  for await (const line of textLines(file)) {
    if (columns === null) {
      columns = columnsOf(line);
      isDescription = 'conceptId' in columns && 'term' in columns;
      if (!('id' in columns) || !('active' in columns)) {
        throw new Error(`${file} is not an RF2 concept or description file (header: ${line.slice(0, 120)})`);
      }
      yield null;
      continue;
    }
    const fields = line.split('\t');
    yield isDescription ? snomedDescriptionRow(fields, columns) : snomedConceptRow(fields, columns);
  }
}
