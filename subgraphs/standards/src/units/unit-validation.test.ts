import { describe, expect, it } from 'vitest';
import { StandardsError, StandardsErrorCode } from '../standards-error';
import { validateUnit } from './unit-validation';

describe('validateUnit', () => {
  it('accepts UCUM and names it', () => {
    expect(validateUnit('mg/dL')).toEqual({
      valid: true,
      ucumCode: 'mg/dL',
      reason: null,
      suggestions: [],
      display: 'milligram per deciliter',
    });
  });

  it('explains a common non-UCUM spelling and suggests the UCUM code', () => {
    const result = validateUnit('mmHg');
    expect(result.valid).toBe(false);
    expect(result.reason).toContain('mmHg is not a valid UCUM code');
    expect(result.suggestions[0]).toEqual({ code: 'mm[Hg]', name: 'millimeter of mercury' });
  });

  it('suggests [degF] for °F and [lb_av] for lbs', () => {
    expect(validateUnit('°F').suggestions[0]?.code).toBe('[degF]');
    expect(validateUnit('lbs').suggestions[0]?.code).toBe('[lb_av]');
  });

  it('reports markup as an invalid unit rather than echoing it as valid', () => {
    const result = validateUnit('<script>');
    expect(result.valid).toBe(false);
    expect(result.display).toBeNull();
  });

  it.each(['', '   ', 'mg/dL; DROP TABLE x', 'a'.repeat(65), 'mg\u0007'])(
    'throws BAD_USER_INPUT for %j',
    (unit) => {
      expect(() => validateUnit(unit)).toThrow(StandardsError);
      try {
        validateUnit(unit);
      } catch (error) {
        expect((error as StandardsError).code).toBe(StandardsErrorCode.BAD_USER_INPUT);
      }
    },
  );
});
