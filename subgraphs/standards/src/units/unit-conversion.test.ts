import { describe, expect, it } from 'vitest';
import { StandardsError, StandardsErrorCode } from '../standards-error';
import { convertUnit, createUnitConverter } from './unit-conversion';

const GLUCOSE_MW = 180.156;
const CHOLESTEROL_MW = 386.65;

function codeOf(action: () => unknown): StandardsErrorCode | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof StandardsError) return error.code;
    throw error;
  }
}

describe('convertUnit', () => {
  it.each([
    // value, from, to, molecular weight, expected, digits
    [100, 'mg/dL', 'mmol/L', GLUCOSE_MW, 5.5507, 4],
    [5.5, 'mmol/L', 'mg/dL', GLUCOSE_MW, 99.09, 2],
    [200, 'mg/dL', 'mmol/L', CHOLESTEROL_MW, 5.1726, 4],
    [5.2, 'mmol/L', 'mg/dL', CHOLESTEROL_MW, 201.06, 2],
    [14, 'g/dL', 'g/L', undefined, 140, 9],
    [140, 'g/L', 'g/dL', undefined, 14, 9],
    [98.6, '[degF]', 'Cel', undefined, 37, 9],
    [37, 'Cel', '[degF]', undefined, 98.6, 9],
    [154, '[lb_av]', 'kg', undefined, 69.853, 3],
    [70, 'kg', '[lb_av]', undefined, 154.324, 3],
    [70, '[in_i]', 'cm', undefined, 177.8, 9],
    [180, 'cm', '[in_i]', undefined, 70.866, 3],
    [120, 'mm[Hg]', 'kPa', undefined, 15.999, 3],
    [16, 'kPa', 'mm[Hg]', undefined, 120.01, 2],
  ])('%s %s → %s', (value, from, to, molecularWeight, expected, digits) => {
    const result = convertUnit(value, from, to, molecularWeight);
    expect(result.value).toBeCloseTo(expected, digits);
    expect(result.unit).toBe(to);
    expect(result.fromUnit).toBe(from);
  });

  it('asks for the molecular weight when converting mass to molar without one', () => {
    expect(codeOf(() => convertUnit(100, 'mg/dL', 'mmol/L'))).toBe(
      StandardsErrorCode.MOLECULAR_WEIGHT_REQUIRED,
    );
  });

  it('refuses incompatible units with the reason', () => {
    let caught: unknown;
    try {
      convertUnit(1, 'kg', 'mm[Hg]');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StandardsError);
    expect((caught as StandardsError).code).toBe(StandardsErrorCode.INCOMPATIBLE_UNITS);
    expect((caught as StandardsError).message).toContain('kg cannot be converted to mm[Hg]');
  });

  it('refuses invalid UCUM with suggestions', () => {
    let caught: unknown;
    try {
      convertUnit(120, 'mmHg', 'kPa');
    } catch (error) {
      caught = error;
    }
    expect((caught as StandardsError).code).toBe(StandardsErrorCode.INVALID_UNIT);
    expect((caught as StandardsError).details['suggestions']).toContain('mm[Hg]');
  });

  it.each([
    [Number.NaN, 'mg/dL', 'g/L', undefined],
    [Number.POSITIVE_INFINITY, 'mg/dL', 'g/L', undefined],
    [1, 'mg/dL', 'mmol/L', -5],
    [1, 'mg/dL', 'mmol/L', Number.NaN],
    [1, "mg'; DROP TABLE code_concept;--", 'g/L', undefined],
    [1, 'mg/dL\u0000', 'g/L', undefined],
    [1, 'm'.repeat(65), 'g/L', undefined],
    [1, '', 'g/L', undefined],
  ])('refuses bad input %s %s → %s (mw %s)', (value, from, to, molecularWeight) => {
    expect(codeOf(() => convertUnit(value, from, to, molecularWeight))).toBe(
      StandardsErrorCode.BAD_USER_INPUT,
    );
  });
});

describe('createUnitConverter', () => {
  it('gives the same values as one-off conversion for affine pairs', () => {
    const toCelsius = createUnitConverter('[degF]', 'Cel');
    const toMmol = createUnitConverter('mg/dL', 'mmol/L', GLUCOSE_MW);
    for (const value of [-40, 0, 32, 98.6, 212]) {
      expect(toCelsius(value)).toBeCloseTo(convertUnit(value, '[degF]', 'Cel').value, 10);
      expect(toMmol(value)).toBeCloseTo(convertUnit(value, 'mg/dL', 'mmol/L', GLUCOSE_MW).value, 10);
    }
  });

  it('throws when the pair cannot be converted', () => {
    expect(codeOf(() => createUnitConverter('kg', 'mm[Hg]'))).toBe(StandardsErrorCode.INCOMPATIBLE_UNITS);
  });
});
