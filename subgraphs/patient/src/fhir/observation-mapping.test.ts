import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { FhirMappingError } from './fhir-mapping-error';
import { observationFromFhir, observationToFhir } from './observation-mapping';

const bloodPressure: Observation = {
  resourceType: 'Observation',
  id: 'bp',
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
    },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '55284-4', display: 'Blood Pressure' }] },
  subject: { reference: 'Patient/p' },
  effectiveDateTime: '2011-10-14T23:37:54+00:00',
  component: [
    {
      code: { coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic Blood Pressure' }] },
      valueQuantity: { value: 82, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
    },
    {
      code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic Blood Pressure' }] },
      valueQuantity: { value: 121, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
    },
  ],
};

const glucose: Observation = {
  resourceType: 'Observation',
  id: 'glu',
  status: 'final',
  category: [{ coding: [{ code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '2339-0', display: 'Glucose' }] },
  valueQuantity: { value: 87.3, unit: 'mg/dL' },
  referenceRange: [{ low: { value: 70 }, high: { value: 99 } }],
  effectiveDateTime: '2012-10-19',
};

describe('observationFromFhir', () => {
  it('maps a blood pressure panel to its components', () => {
    const fields = observationFromFhir(bloodPressure);
    expect(fields).toMatchObject({
      category: 'vital-signs',
      code: '55284-4',
      value: null,
      valueString: null,
    });
    expect(fields.effectiveAt?.toISOString()).toBe('2011-10-14T23:37:54.000Z');
    expect(fields.components).toEqual([
      {
        codeSystem: 'http://loinc.org',
        code: '8462-4',
        display: 'Diastolic Blood Pressure',
        value: 82,
        unit: 'mm[Hg]',
      },
      {
        codeSystem: 'http://loinc.org',
        code: '8480-6',
        display: 'Systolic Blood Pressure',
        value: 121,
        unit: 'mm[Hg]',
      },
    ]);
  });

  it('maps a lab value with unit and reference range', () => {
    expect(observationFromFhir(glucose)).toMatchObject({
      category: 'laboratory',
      codeSystem: 'http://loinc.org',
      value: 87.3,
      unit: 'mg/dL',
      referenceLow: 70,
      referenceHigh: 99,
    });
  });

  it('keeps coded answers as text', () => {
    const smoking: Observation = {
      ...glucose,
      valueQuantity: undefined,
      referenceRange: undefined,
      valueCodeableConcept: { coding: [{ code: '266919005', display: 'Never smoker' }] },
    };
    expect(observationFromFhir(smoking)).toMatchObject({ value: null, valueString: 'Never smoker' });
  });

  it('rejects a malformed effective date and an observation without a code', () => {
    expect(() => observationFromFhir({ ...glucose, effectiveDateTime: '19/10/2012' })).toThrow(
      /Observation\.effective\[x\] is not a valid FHIR dateTime/,
    );
    expect(() => observationFromFhir({ ...glucose, code: { text: 'sugar' } })).toThrow(FhirMappingError);
  });

  it('exports what it imported', () => {
    for (const source of [bloodPressure, glucose]) {
      const fields = observationFromFhir(source);
      expect(observationFromFhir(observationToFhir(fields, source.id ?? '', 'Patient/p'))).toEqual(fields);
    }
  });
});
