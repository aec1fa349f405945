import { describe, expect, it } from 'vitest';
import { citationHref, citationLabel } from './citation-link';

describe('citationHref', () => {
  it('points timeline records at their anchor and other kinds at their page', () => {
    expect(citationHref('IMMUNIZATION', 'i-1')).toBe('/timeline#Immunization-i-1');
    expect(citationHref('PROCEDURE', 'p-1')).toBe('/timeline#Procedure-p-1');
    expect(citationHref('OBSERVATION', 'o-1')).toBe('/labs');
    expect(citationHref('PATIENT', 'x')).toBe('/dashboard');
    expect(citationLabel('PATIENT')).toBe('your age and sex');
  });
});
