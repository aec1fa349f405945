import { describe, expect, it } from 'vitest';
import { labReferenceRange } from './lab-reference-range';

describe('labReferenceRange', () => {
  it("prefers the lab's own range", () => {
    const lab = {
      unit: 'mmol/L',
      referenceLow: 3.9,
      referenceHigh: 5.5,
      standardized: { normalizedUnit: 'mg/dL', normalizedReferenceLow: 70, normalizedReferenceHigh: 99 },
    };
    expect(labReferenceRange(lab)).toBe('3.9–5.5 mmol/L');
  });

  it('falls back to the typical range of the concept, labelled', () => {
    const lab = {
      unit: 'mg/dL',
      standardized: { normalizedUnit: 'mg/dL', normalizedReferenceLow: null, normalizedReferenceHigh: 200 },
    };
    expect(labReferenceRange(lab)).toBe('≤ 200 mg/dL (typical)');
    expect(labReferenceRange({ unit: 'fL', standardized: null })).toBe('No reference range');
  });

  it('writes units as people do (10³/µL, not the UCUM code)', () => {
    const platelets = {
      unit: '10*3/uL',
      standardized: {
        unitDisplay: '10³/µL',
        normalizedUnit: '10*3/uL',
        normalizedUnitDisplay: '10³/µL',
        normalizedReferenceLow: 150,
        normalizedReferenceHigh: 450,
      },
    };
    expect(labReferenceRange(platelets)).toBe('150–450 10³/µL (typical)');
    expect(labReferenceRange({ ...platelets, referenceLow: 140, referenceHigh: 400 })).toBe('140–400 10³/µL');
  });
});
