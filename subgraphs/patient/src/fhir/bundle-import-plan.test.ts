import { describe, expect, it } from 'vitest';
import { readSynthea, syntheaPatientFiles } from '../../test/support/synthea-fixtures';
import { readBundleEntries } from './bundle-entries';
import { planBundleImport } from './bundle-import-plan';

const abdul = 'Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json';
const ABDUL_ID = '018f428e-34f6-4707-8009-5ad742f901e7';

function bundleWith(entry: unknown[]): unknown {
  return { resourceType: 'Bundle', type: 'collection', entry };
}

const patient = {
  fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111',
  resource: { resourceType: 'Patient', id: 'me' },
};

describe('planBundleImport', () => {
  it('imports every entry of every Synthea patient bundle without errors', () => {
    for (const file of syntheaPatientFiles()) {
      const entries = readBundleEntries(readSynthea(file));
      const plan = planBundleImport(entries, new Map(), null);
      expect(plan.errors, file).toEqual([]);
      expect(plan.resources).toHaveLength(entries.resources.length);
      expect(plan.patient?.fhirId).toBe(plan.patientFhirId);
    }
  });

  it('maps the typed records of a bundle by kind and keeps everything raw', () => {
    const plan = planBundleImport(readBundleEntries(readSynthea(abdul)), new Map(), null);
    const kinds: Record<string, number> = {};
    for (const { record } of plan.records) kinds[record.kind] = (kinds[record.kind] ?? 0) + 1;
    expect(kinds).toEqual({ condition: 3, observation: 94, immunization: 11, procedure: 10, medication: 2 });
    expect(plan.resources).toHaveLength(180);
    expect(plan.patientFhirId).toBe(ABDUL_ID);
    expect(plan.patient?.fields).toMatchObject({ familyName: 'Koepp', gender: 'male' });
    const encounter = plan.resources.find((r) => r.resourceType === 'Encounter')?.resource as {
      subject: { reference: string };
    };
    expect(encounter.subject.reference).toBe(`Patient/${ABDUL_ID}`);
  });

  it('rejects resources of another patient but keeps the good entries', () => {
    const plan = planBundleImport(
      readBundleEntries(
        bundleWith([
          patient,
          { resource: { resourceType: 'Patient', id: 'someone-else' } },
          {
            resource: { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/someone-else' } },
          },
          { resource: { resourceType: 'Condition', id: 'c2', subject: { reference: patient.fullUrl } } },
        ]),
      ),
      new Map(),
      null,
    );
    expect(plan.errors.map((e) => [e.index, e.reason])).toEqual([
      [1, 'belongs to another patient (Patient/someone-else, this record is Patient/me)'],
      [2, 'belongs to another patient (Patient/someone-else, this record is Patient/me)'],
    ]);
    expect(plan.records.map((r) => r.sourceFhirId)).toEqual(['c2']);
  });

  it('holds a record to the FHIR id it already carries', () => {
    const plan = planBundleImport(readBundleEntries(bundleWith([patient])), new Map(), 'linked-before');
    expect(plan.patient).toBeNull();
    expect(plan.errors[0].reason).toMatch(/another patient/);
  });

  it('reports malformed dates with the entry index and element, writing nothing for that entry', () => {
    const plan = planBundleImport(
      readBundleEntries(
        bundleWith([
          patient,
          {
            resource: {
              resourceType: 'Immunization',
              id: 'i1',
              status: 'completed',
              vaccineCode: { text: 'flu' },
              patient: { reference: 'Patient/me' },
              occurrenceDateTime: '2020-02-31',
            },
          },
        ]),
      ),
      new Map(),
      null,
    );
    expect(plan.errors).toEqual([
      {
        index: 1,
        resourceType: 'Immunization',
        fhirId: 'i1',
        reason: 'Immunization.occurrenceDateTime is not a real date: "2020-02-31"',
      },
    ]);
    expect(plan.resources.map((r) => r.fhirId)).toEqual(['me']);
  });
});
