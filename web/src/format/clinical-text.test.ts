import { describe, expect, it } from 'vitest';
import { conceptText, personName, quantityText, rangeText } from './clinical-text';

describe('clinical text', () => {
  it('rounds quantities by magnitude and keeps the unit', () => {
    expect(quantityText(5.6789, 'mmol/L')).toBe('5.68 mmol/L');
    expect(quantityText(123.456, 'mg/dL')).toBe('123.5 mg/dL');
    expect(quantityText(null, 'mg/dL')).toBe('—');
  });

  it('writes full, half-open and missing ranges', () => {
    expect(rangeText(70, 99, 'mg/dL')).toBe('70–99 mg/dL');
    expect(rangeText(null, 200, 'mg/dL')).toBe('≤ 200 mg/dL');
    expect(rangeText(40, null)).toBe('≥ 40');
    expect(rangeText(null, null)).toBe('No reference range');
  });

  it('drops SNOMED semantic tags and joins names', () => {
    expect(conceptText('Prediabetes (finding)')).toBe('Prediabetes');
    expect(conceptText('Body mass index 30+ - obesity (finding)')).toBe('Body mass index 30+ - obesity');
    expect(personName('Ada', null)).toBe('Ada');
    expect(personName(null, null)).toBe('Unnamed patient');
  });
});
