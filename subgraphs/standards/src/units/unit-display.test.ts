import { describe, expect, it } from 'vitest';
import { unitDisplay } from './unit-display';

describe('unitDisplay', () => {
  it.each([
    ['mm[Hg]', 'mmHg'],
    ['10*3/uL', '10³/µL'],
    ['10*6/uL', '10⁶/µL'],
    ['kg/m2', 'kg/m²'],
    ['mg/dL', 'mg/dL'],
    ['ug/dL', 'µg/dL'],
    ['umol/L', 'µmol/L'],
    ['Cel', '°C'],
    ['[degF]', '°F'],
    ['[lb_av]', 'lb'],
    ['m[IU]/L', 'mIU/L'],
    ['u[IU]/mL', 'µIU/mL'],
    ['mL/min/{1.73_m2}', 'mL/min/1.73 m²'],
    ['{INR}', ''],
    ['{score}', ''],
    ['%', '%'],
    ['U/L', 'U/L'],
    ['/min', '/min'],
    ['mg/g', 'mg/g'],
  ])('shows %s as %s', (code, shown) => {
    expect(unitDisplay(code)).toBe(shown);
  });
});
