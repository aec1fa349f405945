import type { Bundle } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fhirR4Issues } from '../../test/support/fhir-r4-validator';
import { readSynthea, syntheaPatientFiles } from '../../test/support/synthea-fixtures';
import { readBundleEntries } from './bundle-entries';
import { buildExportBundle } from './bundle-export';
import { planBundleImport, type BundleImportPlan } from './bundle-import-plan';

function exportPlan(plan: BundleImportPlan): Bundle {
  if (plan.patient === null) throw new Error('fixture has no patient');
  return buildExportBundle(
    { entryId: randomUUID(), fhirId: plan.patient.fhirId, fields: plan.patient.fields },
    plan.records.map((r) => ({ entryId: randomUUID(), fhirId: r.sourceFhirId, record: r.record })),
    new Date('2026-11-25T12:00:00Z'),
  );
}

describe('buildExportBundle', () => {
  const files = syntheaPatientFiles().slice(0, 6);

  it.each(files)('exports %s as a FHIR R4 collection bundle that validates', (file) => {
    const bundle = exportPlan(planBundleImport(readBundleEntries(readSynthea(file)), new Map(), null));
    expect(bundle.type).toBe('collection');
    expect(fhirR4Issues(bundle)).toEqual([]);
  });

  it.each(files)('re-imports the export of %s into the same typed records', (file) => {
    const first = planBundleImport(readBundleEntries(readSynthea(file)), new Map(), null);
    const second = planBundleImport(readBundleEntries(exportPlan(first)), new Map(), null);
    expect(second.errors).toEqual([]);
    expect(second.patient?.fields).toEqual(first.patient?.fields);
    const byId = (plan: BundleImportPlan): Record<string, unknown> =>
      Object.fromEntries(plan.records.map((r) => [r.sourceFhirId, r.record]));
    expect(byId(second)).toEqual(byId(first));
  });
});

describe('the FHIR R4 validator used above', () => {
  it('finds an invalid resource nested in a bundle', () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: {},
            effectiveDateTime: '2020-13-01',
          },
        },
      ],
    };
    expect(fhirR4Issues(bundle).join('\n')).toMatch(/effective/);
  });
});
