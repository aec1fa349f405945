/** Reading printed lab values, ranges, flags and dates. */

const NUMBER = String.raw`[-+]?\d+(?:[.,]\d+)?`;
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*(?:-|–|to)\s*(${NUMBER})$`);
const BOUND = new RegExp(String.raw`^([<>]=?|≤|≥)\s*(${NUMBER})$`);
const VALUE = new RegExp(String.raw`^([<>]=?)?\s*(${NUMBER})$`);
export const FLAG = /^(H|L|HH|LL|A|AA|N|HIGH|LOW|ABNORMAL|CRIT|\*)$/i;

const toNumber = (text: string): number => Number(text.replace(',', '.'));

export interface ReferenceRange {
  low: number | null;
  high: number | null;
}

/** `70-99`, `70 - 99`, `<5.0`, `>= 60`; null for anything else (`Negative`, empty). */
export function parseRange(text: string): ReferenceRange | null {
  const trimmed = text.trim();
  const range = RANGE.exec(trimmed);
  if (range) return { low: toNumber(range[1] as string), high: toNumber(range[2] as string) };
  const bound = BOUND.exec(trimmed);
  if (bound) {
    const value = toNumber(bound[2] as string);
    return (bound[1] as string).startsWith('<') || bound[1] === '≤'
      ? { low: null, high: value }
      : { low: value, high: null };
  }
  return null;
}

/** The number in a result (`98`, `5,4`, `<0.5` → 0.5); null for text results. */
export function parseValue(text: string): number | null {
  const match = VALUE.exec(text.trim());
  return match ? toNumber(match[2] as string) : null;
}

export function looksLikeValue(text: string): boolean {
  return parseValue(text) !== null || /^(negative|positive|not detected|detected|trace)$/i.test(text.trim());
}

export function looksLikeRange(text: string): boolean {
  return parseRange(text) !== null;
}

/** A unit token: letters, digits, `/`, `%`, `^`, `*`, `.`, µ (not a plain number, not a range). */
export function looksLikeUnit(text: string): boolean {
  const trimmed = text.trim();
  return /^[A-Za-zµμ%][A-Za-z0-9µμ%/^*.-]*$|^10\^?\d+\/[A-Za-z]+$|^x?10[*^]\d+\/[A-Za-z]+$/.test(trimmed);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The collection (or report) date printed on a page: `Collected: 2026-11-20`, `Date: 11/20/2026`, `20 Nov 2026`. */
export function findReportDate(text: string): Date | null {
  const labelled =
    /(?:collected|collection date|specimen collected|drawn|date of service|report date|date)\s*[:-]?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2} [A-Za-z]{3,9} \d{4})/i.exec(
      text,
    );
  const raw = labelled?.[1];
  if (!raw) return null;
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) iso = raw;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (us) iso = `${us[3]}-${(us[1] as string).padStart(2, '0')}-${(us[2] as string).padStart(2, '0')}`;
  const named = /^(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* (\d{4})$/.exec(raw);
  if (named) {
    const month = MONTHS.indexOf((named[2] as string).toLowerCase()) + 1;
    if (month > 0)
      iso = `${named[3]}-${String(month).padStart(2, '0')}-${(named[1] as string).padStart(2, '0')}`;
  }
  if (iso === null) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
