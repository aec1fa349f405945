import { describe, expect, it } from 'vitest';
import { labNameParts, normalizeLabName, oneEditApart } from './lab-name';

describe('normalizeLabName', () => {
  it('joins dotted abbreviations and letters hyphenated to numbers', () => {
    expect(normalizeLabName('T.S.H.')).toBe('tsh');
    expect(normalizeLabName('Free T-4')).toBe('free t4');
    expect(normalizeLabName('Vitamin B-12, serum')).toBe('vitamin b12 serum');
    expect(normalizeLabName('T. Bili')).toBe('t bili');
  });
});

describe('labNameParts', () => {
  it('reads the same test in any order, spelling, case or with filler words alike', () => {
    const a = labNameParts('Haemoglobin level');
    const b = labNameParts('HEMOGLOBIN');
    expect(a.key).toBe(b.key);
    expect(labNameParts('Platelet count').key).toBe(labNameParts('Platelets').key);
    expect(labNameParts('Bilirubin, total').key).toBe(labNameParts('Total bilirubin').key);
  });

  it('keeps the words that tell tests apart as qualifiers', () => {
    expect(labNameParts('Bilirubin, direct').qualifiers).toBe('direct');
    expect(labNameParts('Conjugated bilirubin').qualifiers).toBe('direct');
    expect(labNameParts('High sensitivity CRP').qualifiers).toBe('hs');
    expect(labNameParts('hsCRP')).toMatchObject({ key: 'crp', qualifiers: 'hs' });
    expect(labNameParts('RDW-CV').qualifiers).toBe('cv');
    expect(labNameParts('Non-HDL cholesterol')).toMatchObject({ key: 'cholesterol hdl', qualifiers: 'non' });
    expect(labNameParts('Bilirubin').qualifiers).toBe('');
  });

  it('reads the specimen a name states, and BUN as a test name rather than a blood specimen', () => {
    expect(labNameParts('Urine creatinine').specimen).toBe('urine');
    expect(labNameParts('Glucose, serum').specimen).toBe('serum-plasma');
    expect(labNameParts('Blood glucose').specimen).toBe('blood');
    expect(labNameParts('Blood urea nitrogen')).toMatchObject({ key: 'bun', specimen: null });
    expect(labNameParts('Sodium').specimen).toBeNull();
  });
});

describe('oneEditApart', () => {
  it.each([
    ['magnesum', 'magnesium', true],
    ['cholestrol', 'cholesterol', true],
    ['gluocse', 'glucose', true],
    ['glucose', 'sucrose', false],
    ['creatinin', 'creatinine', true],
    ['sodium', 'sodium', true],
    ['lipase', 'lipid', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
  });
});
