/**
 * UCUM codes as people write units on reports and in apps (`mm[Hg]` → `mmHg`, `10*3/uL` → `10³/µL`,
 * `kg/m2` → `kg/m²`). For display only: the API keeps the UCUM code, which is what software should read.
 */
const WHOLE_CODES: ReadonlyMap<string, string> = new Map([
  ['Cel', '°C'],
  ['[degF]', '°F'],
  ['mL/min/{1.73_m2}', 'mL/min/1.73 m²'],
  ['1', ''],
  ['/min', '/min'],
]);

const ATOMS: ReadonlyMap<string, string> = new Map([
  ['mm[Hg]', 'mmHg'],
  ['cm[H2O]', 'cmH₂O'],
  ['[lb_av]', 'lb'],
  ['[oz_av]', 'oz'],
  ['[in_i]', 'in'],
  ['[ft_i]', 'ft'],
  ['[IU]', 'IU'],
  ['m[IU]', 'mIU'],
  ['u[IU]', 'µIU'],
  ['meq', 'mEq'],
]);

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

function superscript(digits: string): string {
  return [...digits].map((digit) => SUPERSCRIPT[digit] ?? digit).join('');
}

function atom(text: string): string {
  const known = ATOMS.get(text);
  if (known !== undefined) return known;
  const withoutNotes = text.replace(/\{[^}]*\}/g, '');
  const power = /^10\*(-?\d+)$/.exec(withoutNotes);
  if (power) return `10${superscript(power[1]!)}`;
  return withoutNotes
    .replace(/^u(?=[a-zA-Z[])/, 'µ')
    .replace(/\[([^\]]+)\]/g, '$1')
    .replace(
      /^([a-zA-Zµ]+)(-?[23])$/,
      (_, unit: string, exponent: string) => `${unit}${superscript(exponent)}`,
    );
}

/** Batches repeat a handful of units; bounded so made-up units cannot grow it without limit. */
const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

/** The readable form of a UCUM unit code; '' for dimensionless codes (`1`, `{score}`, `{INR}`). */
export function unitDisplay(ucumCode: string): string {
  const known = memo.get(ucumCode) ?? WHOLE_CODES.get(ucumCode);
  if (known !== undefined) return known;
  const shown = ucumCode
    .split(/(\/|\.)/)
    .map((part) => (part === '/' ? '/' : part === '.' ? '·' : atom(part)))
    .join('');
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(ucumCode, shown);
  return shown;
}
