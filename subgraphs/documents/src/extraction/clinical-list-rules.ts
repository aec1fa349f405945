import type { LayoutBox } from '../entities/layout-box';
import {
  groupLines,
  lineText,
  type PageLayout,
  type PageWord,
  unionBox,
  type WordLine,
} from '../pipeline/page-layout';

/** A diagnosis or problem read from a problem list. */
export interface ConditionRow {
  name: string;
  /** ICD-10-CM code printed beside it, if any. */
  icd10Code: string | null;
  /** active, resolved or inactive as printed; null when the list does not say. */
  clinicalStatus: string | null;
  /** Onset as printed (`2019`, `03/2021`); null when not given. */
  onsetText: string | null;
  confidence: number;
  pageNumber: number;
  box: LayoutBox;
}

/** A medication read from a medication list. */
export interface MedicationRow {
  name: string;
  dose: string | null;
  route: string | null;
  frequency: string | null;
  confidence: number;
  pageNumber: number;
  box: LayoutBox;
}

type Section = 'conditions' | 'medications';

const SECTION_HEADINGS: Array<[Section, RegExp]> = [
  [
    'conditions',
    /^(diagnoses|diagnosis|discharge diagnoses|problem list|problems|active problems|conditions|past medical history)$/i,
  ],
  [
    'medications',
    /^(medications|medication list|current medications|discharge medications|home medications|medicines)$/i,
  ],
];

type ConditionColumn = 'name' | 'code' | 'status' | 'onset';
type MedicationColumn = 'name' | 'dose' | 'route' | 'frequency';

const CONDITION_HEADER: Array<[ConditionColumn, RegExp]> = [
  ['name', /^(diagnosis|problem|condition)$/i],
  ['code', /^(icd-?10(-cm)?|code)$/i],
  ['status', /^status$/i],
  ['onset', /^(onset|since)$/i],
];

const MEDICATION_HEADER: Array<[MedicationColumn, RegExp]> = [
  ['name', /^(medication|medicine|drug)$/i],
  ['dose', /^(dose|strength|dosage)$/i],
  ['route', /^route$/i],
  ['frequency', /^(frequency|sig|directions|how often)$/i],
];

const ICD10 = /\(?\b([A-TV-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4})?)\b\)?/;
const STATUS = /\b(active|resolved|inactive|remission|chronic)\b/i;
const ONSET = /\b(?:onset|since|dx|diagnosed)\s*:?\s*((?:\d{1,2}\/)?\d{4})\b/i;
const DOSE =
  /\b(\d+(?:[.,]\d+)?(?:\s*\/\s*\d+(?:[.,]\d+)?)?\s*(?:mg|mcg|µg|g|ml|mL|units?|IU|%|puffs?|tablets?|tabs?|drops?))\b/i;
const ROUTE =
  /\b(by mouth|orally|oral|PO|sublingual|SL|subcutaneous(?:ly)?|SC|SubQ|intravenous(?:ly)?|IV|intramuscular(?:ly)?|IM|inhaled|inhalation|topical(?:ly)?|transdermal|nasal|rectal|ophthalmic)\b/i;

/**
 * A list item's bullet: `1.`, `-`, `•`, `*`, and what OCR makes of a round bullet (`e`, `o`, `+`, `«`, `»`) when a
 * capitalized word follows.
 */
const stripBullet = (text: string): string =>
  text.replace(/^\s*(?:[-•*·‣▪+»«>~=]|[eoc](?=\s+[A-Z])|\d{1,2}[.)])\s*/, '').trim();

/** Specks OCR reads as `~~`, `|` or `—` (no letter or digit) are not words. */
const isSpeck = (text: string): boolean => !/[\p{L}\p{N}%]/u.test(text);

const withoutSpecks = (text: string): string =>
  text
    .split(/\s+/)
    .filter((token, index) => index === 0 || !isSpeck(token))
    .join(' ');

/** An ICD-10-CM code in a code cell; OCR reads a leading I as 1, l or | (`110` for I10). */
function icd10InCell(text: string): string | null {
  const repaired = text.trim().replace(/^[1l|](?=\d{2}(?:\.\w{1,4})?$)/, 'I');
  return ICD10.exec(repaired)?.[1] ?? null;
}

const meanConfidence = (words: PageWord[]): number =>
  words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;

const headingOf = (text: string): Section | null => {
  const bare = text
    .replace(/\s+/g, ' ')
    .replace(/[:\s]+$/, '')
    .trim();
  return SECTION_HEADINGS.find(([, pattern]) => pattern.test(bare))?.[0] ?? null;
};

/** A line that ends a section: another heading, or a short title line ending in `:` (`Follow-up:`). */
const endsSection = (text: string): boolean =>
  headingOf(text) !== null || (/:\s*$/.test(text) && text.trim().split(/\s+/).length <= 4);

interface Header<C extends string> {
  starts: Array<{ column: C; x: number }>;
}

function tableHeader<C extends string>(line: WordLine, names: Array<[C, RegExp]>): Header<C> | null {
  const starts: Array<{ column: C; x: number }> = [];
  for (const word of line.words) {
    const match = names.find(([, pattern]) => pattern.test(word.text.replace(/[:.]$/, '')));
    if (match && !starts.some((start) => start.column === match[0]))
      starts.push({ column: match[0], x: word.box.x });
  }
  return starts.length >= 2 && starts.some((start) => start.column === 'name')
    ? { starts: starts.sort((a, b) => a.x - b.x) }
    : null;
}

/** Cells of a table line: a word belongs to the last column starting left of it (with a little slack). */
function cells<C extends string>(line: WordLine, header: Header<C>): Map<C, string> {
  const slack = Math.max(4, line.box.height * 0.6);
  const byColumn = new Map<C, string[]>();
  for (const word of line.words) {
    let column = (header.starts[0] as { column: C }).column;
    for (const start of header.starts) if (word.box.x + slack >= start.x) column = start.column;
    if (!isSpeck(word.text)) byColumn.set(column, [...(byColumn.get(column) ?? []), word.text.trim()]);
  }
  return new Map([...byColumn].map(([column, texts]) => [column, texts.join(' ').trim()]));
}

const emptyToNull = (text: string | undefined): string | null =>
  text === undefined || text.trim() === '' || /^[-–—]$/.test(text.trim()) ? null : text.trim();

function conditionFromText(text: string): Omit<ConditionRow, 'confidence' | 'pageNumber' | 'box'> | null {
  // A code in parentheses is a code even when OCR turned its leading I into 1, l or |.
  let rest = stripBullet(text).replace(/\(([1l|])(\d{2}(?:\.[0-9A-Z]{1,4})?)\)/, '(I$2)');
  const code = ICD10.exec(rest);
  if (code) rest = rest.replace(code[0], ' ');
  const onset = ONSET.exec(rest);
  if (onset) rest = rest.replace(onset[0], ' ');
  const status = STATUS.exec(rest);
  // "chronic" describes the condition; only the other words are a status to strip from the name.
  if (status && !/chronic/i.test(status[1] as string)) rest = rest.replace(status[0], ' ');
  const name = rest
    .replace(/[()[\]]/g, ' ')
    .replace(/\s*[-–—,;:]\s*$/, '')
    .replace(/^\s*[-–—,;:]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[A-Za-z]{3}/.test(name)) return null;
  const statusWord = status?.[1]?.toLowerCase();
  return {
    name,
    icd10Code: code?.[1] ?? null,
    clinicalStatus:
      statusWord === undefined || statusWord === 'chronic'
        ? null
        : statusWord === 'remission'
          ? 'remission'
          : statusWord,
    onsetText: onset?.[1] ?? null,
  };
}

function medicationFromText(text: string): Omit<MedicationRow, 'confidence' | 'pageNumber' | 'box'> | null {
  const item = stripBullet(text).replace(/\s{2,}/g, ' ');
  const dose = DOSE.exec(item);
  const route = ROUTE.exec(item);
  const cut = Math.min(dose?.index ?? item.length, route?.index ?? item.length);
  const name = item
    .slice(0, cut)
    .replace(/[,;:–-]\s*$/, '')
    .trim();
  if (!/[A-Za-z]{3}/.test(name) || (!dose && !route)) return null;
  const afterEnd = Math.max(
    dose ? dose.index + dose[0].length : 0,
    route ? route.index + route[0].length : 0,
  );
  const frequency = item
    .slice(afterEnd)
    .replace(/^[\s,;:–-]+/, '')
    .trim();
  return {
    name,
    dose: dose ? dose[1]!.replace(/\s+/g, ' ') : null,
    route: route ? route[1]! : null,
    frequency: frequency === '' ? null : frequency,
  };
}

/** Share of the fields a row could have that it has, folded into the OCR confidence. */
const completeness = (present: boolean[]): number =>
  0.7 + (0.3 * present.filter(Boolean).length) / present.length;

/**
 * Conditions and medications of one page. A section heading (Diagnoses, Problem list, Medications, Discharge
 * medications…) opens a list that runs to the next heading; inside it, a table header (Diagnosis / ICD-10 / Status /
 * Onset, or Medication / Dose / Route / Frequency) cuts each line into cells by where its words are, and without one
 * each line is read as a list item (`Lisinopril 10 mg by mouth once daily`, `Essential hypertension (I10)`).
 */
export function extractClinicalLists(page: PageLayout): {
  conditions: ConditionRow[];
  medications: MedicationRow[];
} {
  const conditions: ConditionRow[] = [];
  const medications: MedicationRow[] = [];
  let section: Section | null = null;
  let conditionHeader: Header<ConditionColumn> | null = null;
  let medicationHeader: Header<MedicationColumn> | null = null;
  for (const line of groupLines(page.words)) {
    const text = withoutSpecks(lineText(line));
    const heading = headingOf(text);
    if (heading !== null || (section !== null && endsSection(text))) {
      section = heading;
      conditionHeader = null;
      medicationHeader = null;
      continue;
    }
    const where = { pageNumber: page.pageNumber, box: unionBox(line.words.map((word) => word.box)) };
    const ocr = meanConfidence(line.words);
    if (section === 'conditions') {
      const header: Header<ConditionColumn> | null = conditionHeader
        ? null
        : tableHeader(line, CONDITION_HEADER);
      if (header) {
        conditionHeader = header;
        continue;
      }
      let row = conditionFromText(text);
      if (conditionHeader && row) {
        const cut = cells(line, conditionHeader);
        row = {
          name: row.name,
          icd10Code: icd10InCell(cut.get('code') ?? '') ?? row.icd10Code,
          clinicalStatus: emptyToNull(cut.get('status'))?.toLowerCase() ?? row.clinicalStatus,
          onsetText: emptyToNull(cut.get('onset')) ?? row.onsetText,
        };
        const named = emptyToNull(cut.get('name'));
        if (named) row.name = named.replace(/\s+/g, ' ');
      }
      if (row)
        conditions.push({
          ...row,
          confidence:
            Math.round(ocr * completeness([row.icd10Code !== null, row.clinicalStatus !== null]) * 1000) /
            1000,
          ...where,
        });
    } else if (section === 'medications') {
      const header: Header<MedicationColumn> | null = medicationHeader
        ? null
        : tableHeader(line, MEDICATION_HEADER);
      if (header) {
        medicationHeader = header;
        continue;
      }
      const row = medicationHeader
        ? medicationFromCells(cells(line, medicationHeader))
        : medicationFromText(text);
      if (row)
        medications.push({
          ...row,
          confidence:
            Math.round(
              ocr * completeness([row.dose !== null, row.route !== null, row.frequency !== null]) * 1000,
            ) / 1000,
          ...where,
        });
    }
  }
  return { conditions, medications };
}

function medicationFromCells(
  cut: Map<MedicationColumn, string>,
): Omit<MedicationRow, 'confidence' | 'pageNumber' | 'box'> | null {
  const name = emptyToNull(cut.get('name'));
  if (name === null || !/[A-Za-z]{3}/.test(name)) return null;
  return {
    name: stripBullet(name),
    dose: emptyToNull(cut.get('dose')),
    route: emptyToNull(cut.get('route')),
    frequency: emptyToNull(cut.get('frequency')),
  };
}
