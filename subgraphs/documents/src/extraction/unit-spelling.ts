/**
 * Units as labs print them. OCR confuses l, I, i, 1 and | (and O with 0): a unit that matches one of these once
 * those are folded together is read as that unit. Unknown units pass through unchanged.
 */
const PRINTED_UNITS = [
  '%',
  'fL',
  'g/dL',
  'g/L',
  'IU/L',
  'IU/mL',
  'mEq/L',
  'mg/dL',
  'mg/L',
  'mIU/L',
  'mIU/mL',
  'mL/min',
  'mm/h',
  'mmol/L',
  'mmol/mol',
  'ng/dL',
  'ng/mL',
  'nmol/L',
  'pg',
  'pg/mL',
  'pmol/L',
  'ratio',
  's',
  'sec',
  'U/L',
  'uIU/mL',
  'µIU/mL',
  'umol/L',
  'µmol/L',
  'x10^3/uL',
  'x10^6/uL',
];

const fold = (unit: string): string =>
  unit
    .replace(/[lI1|!]/g, 'i')
    .replace(/0/g, 'o')
    .toLowerCase();

const BY_FOLDED = new Map(PRINTED_UNITS.map((unit) => [fold(unit), unit]));

export function correctedUnit(unit: string): string {
  return BY_FOLDED.get(fold(unit)) ?? unit;
}
