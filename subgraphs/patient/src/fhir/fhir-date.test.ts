import { describe, expect, it } from 'vitest';
import { parseFhirDate, parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';

describe('parseFhirDateTime', () => {
  it('reads a full dateTime with offset as the same instant', () => {
    expect(parseFhirDateTime('2011-10-14T23:37:54+02:00', 'x')?.toISOString()).toBe(
      '2011-10-14T21:37:54.000Z',
    );
  });

  it('reads partial dates as the start of the period in UTC', () => {
    expect(parseFhirDateTime('2011', 'x')?.toISOString()).toBe('2011-01-01T00:00:00.000Z');
    expect(parseFhirDateTime('2011-10', 'x')?.toISOString()).toBe('2011-10-01T00:00:00.000Z');
  });

  it('returns null for an absent value', () => {
    expect(parseFhirDateTime(undefined, 'x')).toBeNull();
  });

  it.each([
    '2020-02-30',
    '14/10/2011',
    '2011-10-14T23:37:54',
    '2011-13-01',
    'yesterday',
    '2011-10-14T25:00:00Z',
  ])('rejects %s and names the element', (value) => {
    expect(() => parseFhirDateTime(value, 'Observation.effective[x]')).toThrow(FhirMappingError);
    expect(() => parseFhirDateTime(value, 'Observation.effective[x]')).toThrow(/Observation\.effective\[x\]/);
  });
});

describe('parseFhirDate', () => {
  it('keeps a full date as text and rejects partial ones', () => {
    expect(parseFhirDate('1990-02-28', 'Patient.birthDate')).toBe('1990-02-28');
    expect(() => parseFhirDate('1990-02', 'Patient.birthDate')).toThrow(/Patient\.birthDate/);
  });
});
