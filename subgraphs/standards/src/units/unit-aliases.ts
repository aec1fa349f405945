/**
 * Spellings that lab systems and devices send which are not UCUM, or which UCUM reads as something else
 * (`K/uL` is kelvin per microliter in UCUM; labs mean thousands per microliter).
 */
const CLINICAL_UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ['mmhg', 'mm[Hg]'],
  ['mm hg', 'mm[Hg]'],
  ['cmh2o', 'cm[H2O]'],
  ['degf', '[degF]'],
  ['°f', '[degF]'],
  ['f', '[degF]'],
  ['degc', 'Cel'],
  ['°c', 'Cel'],
  ['c', 'Cel'],
  ['lb', '[lb_av]'],
  ['lbs', '[lb_av]'],
  ['oz', '[oz_av]'],
  ['in', '[in_i]'],
  ['inch', '[in_i]'],
  ['inches', '[in_i]'],
  ['ft', '[ft_i]'],
  ['k/ul', '10*3/uL'],
  ['k/µl', '10*3/uL'],
  ['x10e3/ul', '10*3/uL'],
  ['10^3/ul', '10*3/uL'],
  ['thou/ul', '10*3/uL'],
  ['m/ul', '10*6/uL'],
  ['x10e6/ul', '10*6/uL'],
  ['10^6/ul', '10*6/uL'],
  ['mill/ul', '10*6/uL'],
  ['iu/l', '[IU]/L'],
  ['bpm', '/min'],
  ['beats/min', '/min'],
  ['breaths/min', '/min'],
  ['kg/m^2', 'kg/m2'],
  ['ml/min/1.73m2', 'mL/min/{1.73_m2}'],
  ['ml/min/1.73 m2', 'mL/min/{1.73_m2}'],
  ['ml/min/1.73m^2', 'mL/min/{1.73_m2}'],
  ['mcg/dl', 'ug/dL'],
  ['mcg/l', 'ug/L'],
  ['mcg', 'ug'],
  ['µg/dl', 'ug/dL'],
  ['µmol/l', 'umol/L'],
]);

/** The UCUM code for a known clinical spelling, or null when the text is not one of them. */
export function clinicalUnitAlias(unit: string): string | null {
  return CLINICAL_UNIT_ALIASES.get(unit.trim().toLowerCase()) ?? null;
}
