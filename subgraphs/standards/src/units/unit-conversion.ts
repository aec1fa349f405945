import { StandardsError, StandardsErrorCode } from '../standards-error';
import { ucum } from './ucum';
import { checkedFinite, checkedUnitText } from './unit-text';
import { validateUnit } from './unit-validation';

export interface UnitConversionResult {
  value: number;
  /** The target UCUM unit. */
  unit: string;
  fromValue: number;
  fromUnit: string;
  /** The molecular weight (g/mol) used for a mass ↔ molar conversion, else null. */
  molecularWeight: number | null;
}

/** A conversion between two fixed units, reusable for many values. */
export type UnitConverter = (value: number) => number;

function checkedMolecularWeight(molecularWeight: number | null | undefined): number | null {
  if (molecularWeight === null || molecularWeight === undefined) return null;
  if (!Number.isFinite(molecularWeight) || molecularWeight <= 0) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      'molecularWeight must be a positive finite number (g/mol).',
    );
  }
  return molecularWeight;
}

function requireValidUnit(unit: string, role: 'from' | 'to'): void {
  const validation = validateUnit(unit);
  if (!validation.valid) {
    throw new StandardsError(
      StandardsErrorCode.INVALID_UNIT,
      `'${unit}' (${role}) is not a valid UCUM unit: ${validation.reason}`,
      {
        unit,
        reason: validation.reason,
        suggestions: validation.suggestions.map((suggestion) => suggestion.code),
      },
    );
  }
}

function convertOnce(value: number, from: string, to: string, molecularWeight: number | null): number {
  const result = ucum.convertUnitTo(from, value, to, molecularWeight === null ? {} : { molecularWeight });
  if (result.status === 'succeeded' && result.toVal !== null && Number.isFinite(result.toVal))
    return result.toVal;
  const reason = result.msg.join(' ').trim();
  if (molecularWeight === null && /molecular weight/i.test(reason)) {
    throw new StandardsError(
      StandardsErrorCode.MOLECULAR_WEIGHT_REQUIRED,
      `Converting ${from} to ${to} is between mass and amount of substance and needs the molecular weight.`,
      { from, to },
    );
  }
  throw new StandardsError(
    StandardsErrorCode.INCOMPATIBLE_UNITS,
    `${from} cannot be converted to ${to}: ${reason}`,
    {
      from,
      to,
      reason,
    },
  );
}

/** Relative tolerance for deciding that a conversion is affine (every UCUM conversion except log/special units). */
const AFFINE_TOLERANCE = 1e-12;

/**
 * Builds a converter for one unit pair. Linear and affine conversions (all but UCUM's special units such as pH)
 * become `a·x + b` after three ucum-lhc calls; others call ucum-lhc per value. Throws for invalid or incompatible units.
 */
export function createUnitConverter(
  from: string,
  to: string,
  molecularWeight?: number | null,
): UnitConverter {
  const fromUnit = checkedUnitText(from);
  const toUnit = checkedUnitText(to);
  const weight = checkedMolecularWeight(molecularWeight);
  requireValidUnit(fromUnit, 'from');
  requireValidUnit(toUnit, 'to');
  const arbitrary = sameArbitraryUnit(fromUnit, toUnit);
  if (arbitrary) return createUnitConverter(arbitrary.from, arbitrary.to);
  const offset = convertOnce(0, fromUnit, toUnit, weight);
  const slope = convertOnce(1, fromUnit, toUnit, weight) - offset;
  const probe = convertOnce(1000, fromUnit, toUnit, weight);
  const expected = 1000 * slope + offset;
  if (Math.abs(probe - expected) <= AFFINE_TOLERANCE * Math.max(1, Math.abs(expected))) {
    return (value) => value * slope + offset;
  }
  return (value) => convertOnce(value, fromUnit, toUnit, weight);
}

/** UCUM's international unit: ucum-lhc refuses to convert it at all, even m[IU]/L to m[IU]/L. */
const INTERNATIONAL_UNIT = /\[IU\]/g;

/**
 * Two units built from the same arbitrary unit ([IU]) the same number of times differ only by prefixes and the
 * other units (u[IU]/mL vs m[IU]/L), so they convert as if [IU] were any ordinary unit; mol stands in for it.
 */
function sameArbitraryUnit(from: string, to: string): { from: string; to: string } | null {
  const count = (unit: string): number => unit.match(INTERNATIONAL_UNIT)?.length ?? 0;
  if (count(from) === 0 || count(from) !== count(to)) return null;
  return { from: from.replace(INTERNATIONAL_UNIT, 'mol'), to: to.replace(INTERNATIONAL_UNIT, 'mol') };
}

/** Converts one value between UCUM units, mass ↔ molar when a molecular weight (g/mol) is given. */
export function convertUnit(
  value: number,
  from: string,
  to: string,
  molecularWeight?: number | null,
): UnitConversionResult {
  checkedFinite(value, 'value');
  const weight = checkedMolecularWeight(molecularWeight);
  const fromUnit = checkedUnitText(from);
  const toUnit = checkedUnitText(to);
  requireValidUnit(fromUnit, 'from');
  requireValidUnit(toUnit, 'to');
  const converted = convertOnce(value, fromUnit, toUnit, weight);
  return { value: converted, unit: toUnit, fromValue: value, fromUnit, molecularWeight: weight };
}
