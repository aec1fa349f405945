import type { LayoutBox } from '../entities/layout-box';
import {
  groupLines,
  lineText,
  type PageLayout,
  type PageWord,
  unionBox,
  type WordLine,
} from '../pipeline/page-layout';
import { correctedUnit } from './unit-spelling';
import {
  FLAG,
  findReportDate,
  looksLikeRange,
  looksLikeUnit,
  looksLikeValue,
  parseRange,
  parseValue,
} from './lab-values';

/** One lab row read from a page. */
export interface LabRow {
  name: string;
  valueText: string;
  value: number | null;
  unit: string | null;
  referenceText: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  flag: string | null;
  effectiveAt: Date | null;
  confidence: number;
  pageNumber: number;
  box: LayoutBox;
}

type Column = 'name' | 'value' | 'unit' | 'range' | 'flag';

const HEADER_WORDS: Array<[Column, RegExp]> = [
  ['name', /^(test|tests|analyte|component|investigation|parameter|test name)$/i],
  ['value', /^(result|results|value|your value)$/i],
  ['unit', /^(unit|units)$/i],
  ['range', /^(reference|ref|range|normal|interval|reference range|ref\. range)$/i],
  ['flag', /^(flag|flags|status|abn)$/i],
];

interface ColumnStart {
  column: Column;
  x: number;
}

/** The header line of a lab table and where each of its columns starts. */
function findHeader(lines: WordLine[]): { index: number; columns: ColumnStart[] } | null {
  for (const [index, line] of lines.entries()) {
    const columns: ColumnStart[] = [];
    for (const word of line.words) {
      const match = HEADER_WORDS.find(([, pattern]) => pattern.test(word.text.replace(/[:.]$/, '')));
      if (match && !columns.some((start) => start.column === match[0]))
        columns.push({ column: match[0], x: word.box.x });
    }
    if (columns.some((start) => start.column === 'name') && columns.some((start) => start.column === 'value'))
      return { index, columns: columns.sort((a, b) => a.x - b.x) };
  }
  return null;
}

/** Cells of a row by the header's column starts: a word belongs to the last column starting left of its middle. */
function cellsByColumn(line: WordLine, columns: ColumnStart[]): Map<Column, PageWord[]> {
  const cells = new Map<Column, PageWord[]>();
  const slack = Math.max(4, line.box.height * 0.6);
  for (const word of line.words) {
    let column: Column = columns[0]?.column ?? 'name';
    for (const start of columns) if (word.box.x + slack >= start.x) column = start.column;
    cells.set(column, [...(cells.get(column) ?? []), word]);
  }
  return cells;
}

/** A cell's text; specks OCR reads as `~~`, `|` or `—` (no letter, digit or flag mark) are dropped. */
const join = (words: PageWord[] | undefined): string =>
  (words ?? [])
    .map((word) => word.text.trim())
    .filter((text) => /[\p{L}\p{N}*%<>]/u.test(text))
    .join(' ')
    .trim();

/**
 * Splits what OCR glued together or a column shift moved: a range at the end of the unit (`mmol/L136-145`), a flag
 * after the value (`148 H`), a flag after the range.
 */
function normalizeCells(raw: Record<Column, string>): Record<Column, string> {
  const cells = { ...raw };
  const valueFlag = /^(\S+)\s+(\S+)$/.exec(cells.value);
  if (valueFlag && FLAG.test(valueFlag[2] as string) && cells.flag === '') {
    cells.value = valueFlag[1] as string;
    cells.flag = valueFlag[2] as string;
  }
  const valueUnit = /^(\S+)\s+(\S+)$/.exec(cells.value);
  if (valueUnit && looksLikeUnit(valueUnit[2] as string) && cells.unit === '') {
    cells.value = valueUnit[1] as string;
    cells.unit = valueUnit[2] as string;
  }
  const unitRange = /^(.*?[A-Za-z%µ/])\s*([<>]?\s*\d[\d.,]*\s*(?:[-–]\s*\d[\d.,]*)?)$/.exec(cells.unit);
  if (unitRange && cells.range === '' && looksLikeRange((unitRange[2] as string).trim())) {
    cells.unit = (unitRange[1] as string).trim();
    cells.range = (unitRange[2] as string).trim();
  }
  const rangeFlag = /^(.*\d)\s+(\S+)$/.exec(cells.range);
  if (rangeFlag && FLAG.test(rangeFlag[2] as string) && cells.flag === '') {
    cells.range = (rangeFlag[1] as string).trim();
    cells.flag = rangeFlag[2] as string;
  }
  cells.range = cells.range.replace(/\s*([-–])\s*/, '-');
  return cells;
}

function toRow(
  cells: Record<Column, string>,
  words: PageWord[],
  page: PageLayout,
  effectiveAt: Date | null,
): LabRow | null {
  const normalized = normalizeCells(cells);
  if (normalized.name === '' || !looksLikeValue(normalized.value)) return null;
  const range = normalized.range === '' ? null : parseRange(normalized.range);
  const parts = [normalized.unit !== '', range !== null];
  const completeness = 0.8 + 0.1 * parts.filter(Boolean).length;
  const ocr = words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return {
    name: normalized.name.replace(/[.:]+$/, ''),
    valueText: normalized.value,
    value: parseValue(normalized.value),
    unit: normalized.unit === '' ? null : correctedUnit(normalized.unit),
    referenceText: normalized.range === '' ? null : normalized.range,
    referenceLow: range?.low ?? null,
    referenceHigh: range?.high ?? null,
    flag: normalized.flag === '' ? null : normalized.flag.toUpperCase(),
    effectiveAt,
    confidence: Math.round(ocr * completeness * 1000) / 1000,
    pageNumber: page.pageNumber,
    box: unionBox(words.map((word) => word.box)),
  };
}

const SPLIT_ROW = new RegExp(
  String.raw`^(?<name>[A-Za-z][A-Za-z0-9 ,()/.+\-]*?)\s+(?<value>[<>]?\s*\d+(?:[.,]\d+)?)\s*(?<unit>[A-Za-zµμ%][A-Za-z0-9µμ%/^*.\-]*)?\s*(?<range>(?:[<>]=?\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?))?\s*(?<flag>H|L|HH|LL|A)?$`,
);

/** A row outside any table header: `Glucose 98 mg/dL 70-99 H` read by pattern. */
function rowFromPattern(line: WordLine, page: PageLayout, effectiveAt: Date | null): LabRow | null {
  const match = SPLIT_ROW.exec(
    lineText(line)
      .replace(/\s{2,}/g, ' ')
      .trim(),
  );
  // Outside a table only a full row (unit and range) counts: prose like "fast for 12 hours" is not a result.
  if (!match?.groups?.unit || !match.groups.range) return null;
  const { name = '', value = '', unit = '', range = '', flag = '' } = match.groups;
  return toRow({ name, value, unit, range, flag }, line.words, page, effectiveAt);
}

/**
 * Lab rows of one page. Where a header (Test / Result / Unit / Reference / Flag) is found, each following line is
 * cut into cells at the header's column positions, so names with digits, units glued to ranges and empty cells are
 * read by where they are rather than guessed from spacing; lines outside a table are read by pattern.
 */
export function extractLabRows(page: PageLayout): LabRow[] {
  const lines = groupLines(page.words);
  const effectiveAt = findReportDate(lines.map(lineText).join('\n'));
  const header = findHeader(lines);
  const rows: LabRow[] = [];
  lines.forEach((line, index) => {
    if (header && index === header.index) return;
    if (header && index > header.index) {
      const cells = cellsByColumn(line, header.columns);
      const row = toRow(
        {
          name: join(cells.get('name')),
          value: join(cells.get('value')),
          unit: join(cells.get('unit')),
          range: join(cells.get('range')),
          flag: join(cells.get('flag')),
        },
        line.words,
        page,
        effectiveAt,
      );
      if (row) rows.push(row);
      return;
    }
    const row = rowFromPattern(line, page, effectiveAt);
    if (row) rows.push(row);
  });
  return rows;
}
