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
});
