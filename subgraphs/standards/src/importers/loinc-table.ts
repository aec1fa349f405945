import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptRecord, ConceptStatus, LoincProperties } from '../vocabulary/concept-record';
import type { ImportRecord } from './import-record';

const STATUS: Record<string, ConceptStatus> = {
  ACTIVE: 'active',
  TRIAL: 'active',
  DISCOURAGED: 'inactive',
  DEPRECATED: 'deprecated',
};

function text(row: Record<string, string>, column: string): string | undefined {
  const value = row[column]?.trim();
  return value ? value : undefined;
}

/** One row of LOINC's Loinc.csv (LoincTable), by column name, as a concept. */
export function loincConcept(row: Record<string, string>): ConceptRecord | null {
  const code = text(row, 'LOINC_NUM');
  if (!code) return null;
  const display = text(row, 'LONG_COMMON_NAME') ?? text(row, 'SHORTNAME') ?? code;
  const properties: LoincProperties = {
    component: text(row, 'COMPONENT'),
    property: text(row, 'PROPERTY'),
    timeAspect: text(row, 'TIME_ASPCT'),
    system: text(row, 'SYSTEM'),
    scale: text(row, 'SCALE_TYP'),
    method: text(row, 'METHOD_TYP'),
    class: text(row, 'CLASS'),
    exampleUcumUnit: text(row, 'EXAMPLE_UCUM_UNITS')?.split(';')[0]?.trim(),
  };
  const synonyms = [text(row, 'SHORTNAME'), text(row, 'CONSUMER_NAME'), text(row, 'DisplayName')].filter(
    (name): name is string => name !== undefined && name !== display,
  );
  return {
    system: CodeSystem.LOINC,
    code,
    display,
    synonyms: [...new Set(synonyms)],
    properties: Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)),
    status: STATUS[text(row, 'STATUS') ?? 'ACTIVE'] ?? 'active',
  };
}

/** Streams Loinc.csv (quoted CSV with a header row). */
export async function* readLoincTable(file: string): AsyncIterable<ImportRecord | null> {
  const rows = createReadStream(file).pipe(parse({ columns: true, bom: true, relax_column_count: true }));
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    const concept = loincConcept(row);
    yield concept ? { concept, mode: 'replace' } : null;
  }
}
