import type { Sex } from './patient-age';

/** An adult range a value is compared against when the record carries none of its own. */
export interface TypicalRange {
  /** UCUM unit the bounds are in; a value in another unit is not compared. */
  unit: string;
  low: number | null;
  high: number | null;
  /** Bounds for one sex where they differ. */
  bySex?: Partial<Record<Exclude<Sex, 'unknown'>, { low: number | null; high: number | null }>>;
}

/**
 * Common adult ranges (NCEP ATP III lipid cut-offs, ADA glycaemic thresholds, AHA blood pressure categories,
 * usual laboratory ranges for blood counts and chemistry), keyed by LOINC. Synthea and many hospital exports
 * send results without a referenceRange, so without this table nothing could be called out of range.
 */
export const TYPICAL_ADULT_RANGES: Readonly<Record<string, TypicalRange>> = {
  '2093-3': { unit: 'mg/dL', low: null, high: 199 },
  '18262-6': { unit: 'mg/dL', low: null, high: 129 },
  '13457-7': { unit: 'mg/dL', low: null, high: 129 },
  '2085-9': { unit: 'mg/dL', low: 40, high: null },
  '2571-8': { unit: 'mg/dL', low: null, high: 149 },
  '2339-0': { unit: 'mg/dL', low: 70, high: 99 },
  '2345-7': { unit: 'mg/dL', low: 70, high: 99 },
  '1558-6': { unit: 'mg/dL', low: 70, high: 99 },
  '4548-4': { unit: '%', low: null, high: 5.6 },
  '17856-6': { unit: '%', low: null, high: 5.6 },
  '718-7': {
    unit: 'g/dL',
    low: 12,
    high: 17.5,
    bySex: { male: { low: 13.5, high: 17.5 }, female: { low: 12, high: 15.5 } },
  },
  '4544-3': {
    unit: '%',
    low: 35.5,
    high: 48.6,
    bySex: { male: { low: 38.3, high: 48.6 }, female: { low: 35.5, high: 44.9 } },
  },
  '6690-2': { unit: '10*3/uL', low: 3.4, high: 10.8 },
  '777-3': { unit: '10*3/uL', low: 150, high: 450 },
  '2160-0': { unit: 'mg/dL', low: 0.6, high: 1.3 },
  '33914-3': { unit: 'mL/min/{1.73_m2}', low: 60, high: null },
  '2823-3': { unit: 'mmol/L', low: 3.5, high: 5.1 },
  '2951-2': { unit: 'mmol/L', low: 135, high: 145 },
  '8480-6': { unit: 'mm[Hg]', low: 90, high: 129 },
  '8462-4': { unit: 'mm[Hg]', low: 60, high: 79 },
  '39156-5': { unit: 'kg/m2', low: 18.5, high: 24.9 },
};

export interface ResolvedRange {
  low: number | null;
  high: number | null;
  source: 'RECORD' | 'TYPICAL_ADULT';
}

/** The record's own range when it has one, else the typical adult range for the code in the value's unit. */
export function rangeFor(
  code: string,
  unit: string | null,
  own: { referenceLow: number | null; referenceHigh: number | null },
  sex: Sex,
): ResolvedRange | null {
  if (own.referenceLow !== null || own.referenceHigh !== null) {
    return { low: own.referenceLow, high: own.referenceHigh, source: 'RECORD' };
  }
  const typical = TYPICAL_ADULT_RANGES[code];
  if (!typical || !unit || unit.toLowerCase() !== typical.unit.toLowerCase()) return null;
  const forSex = sex === 'unknown' ? undefined : typical.bySex?.[sex];
  return { low: forSex?.low ?? typical.low, high: forSex?.high ?? typical.high, source: 'TYPICAL_ADULT' };
}
