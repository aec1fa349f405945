import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundleIntoPatient, type FhirImportSummary } from '../src/import/fhir-bundle-import';
import { PatientError, PatientErrorCode } from '../src/patient-error';
import { startImportDatabase, type ImportDatabase } from './support/import-database';
import { readSynthea } from './support/synthea-fixtures';

const ABDUL = 'Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json';
const PRACTITIONERS = 'practitionerInformation1559319163815.json';
const limits = { maxBundleBytes: 5_000_000 };

type Json = Record<string, unknown>;

describe('importBundleIntoPatient', () => {
  let db: ImportDatabase;

  beforeAll(async () => {
    db = await startImportDatabase('patient_import');
  });

  afterAll(async () => {
    await db.stop();
  });

  function importInto(patientId: string, bundle: unknown): Promise<FhirImportSummary> {
    return db.database.dataSource.transaction((manager) =>
      importBundleIntoPatient(manager, patientId, bundle, limits),
    );
  }

  it('imports a Synthea bundle, then writes nothing when the same bundle comes again', async () => {
    const patientId = await db.createPatient();
    const first = await importInto(patientId, readSynthea(ABDUL));
    expect(first).toMatchObject({ created: 180, updated: 0, unchanged: 0, errors: [], skipped: [] });
    expect(await db.count('fhir_resource', patientId)).toBe(180);
    expect(await db.count('observation', patientId)).toBe(94);
    expect(await db.count('condition', patientId)).toBe(3);
    expect(await db.count('immunization', patientId)).toBe(11);
    expect(await db.count('procedure', patientId)).toBe(10);
    expect(await db.count('medication', patientId)).toBe(2);
    const [patient] = (await db.database.dataSource.query(`SELECT * FROM patient WHERE id = $1`, [
      patientId,
    ])) as Json[];
    expect(patient).toMatchObject({
      family_name: 'Koepp',
      source_fhir_id: '018f428e-34f6-4707-8009-5ad742f901e7',
    });

    const second = await importInto(patientId, readSynthea(ABDUL));
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 180, rowsWritten: 0, changed: [] });
  });

  it('updates a resource whose content changed, and only that one', async () => {
    const patientId = await db.createPatient();
    const bundle = readSynthea(ABDUL) as { entry: { resource: Json }[] };
    await importInto(patientId, bundle);
    const observation = bundle.entry.find((e) => e.resource.resourceType === 'Observation')
      ?.resource as Json & {
      id: string;
      valueQuantity: { value: number };
    };
    observation.valueQuantity.value = 123.4;
    observation.meta = { versionId: '2' };
    const result = await importInto(patientId, bundle);
    expect(result).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 179,
      rowsWritten: 2,
      changed: ['observation'],
    });
    const [row] = (await db.database.dataSource.query(
      `SELECT value, version FROM observation WHERE patient_id = $1 AND source_fhir_id = $2`,
      [patientId, observation.id],
    )) as { value: number; version: number }[];
    expect(row).toEqual({ value: 123.4, version: 2 });
  });

  it('imports good entries and reports bad ones by index in the same transaction', async () => {
    const patientId = await db.createPatient();
    const result = await importInto(patientId, {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          fullUrl: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001',
          resource: { resourceType: 'Patient', id: 'me' },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'ok',
            code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003' }] },
            subject: { reference: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001' },
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'bad-date',
            subject: { reference: 'Patient/me' },
            onsetDateTime: 'last May',
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'broken',
            subject: { reference: 'urn:uuid:aaaaaaaa-0000-4000-8000-00000000ffff' },
          },
        },
        { resource: { resourceType: 'Condition', id: 'theirs', subject: { reference: 'Patient/not-me' } } },
        { resource: { resourceType: 'Unicorn', id: 'u' } },
      ],
    });
    expect(result.errors.map((e) => e.index)).toEqual([2, 3, 4]);
    expect(result.skipped.map((e) => e.index)).toEqual([5]);
    expect(result).toMatchObject({ created: 2, patientFhirId: 'me' });
    expect(await db.count('condition', patientId)).toBe(1);
    expect(await db.count('fhir_resource', patientId)).toBe(2);
  });

  it('resolves conditional references against practitioners imported before', async () => {
    const patientId = await db.createPatient();
    await importInto(patientId, readSynthea(PRACTITIONERS));
    const directory = readSynthea(PRACTITIONERS) as {
      entry: { resource: { id: string; identifier: { system: string; value: string }[] } }[];
    };
    const practitioner = directory.entry[0].resource;
    const reference = `Practitioner?identifier=${practitioner.identifier[0].system}|${practitioner.identifier[0].value}`;
    const result = await importInto(patientId, {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p1' } },
        {
          resource: {
            resourceType: 'Encounter',
            id: 'enc',
            status: 'finished',
            class: { code: 'AMB' },
            subject: { reference: 'Patient/p1' },
            participant: [{ individual: { reference } }],
          },
        },
      ],
    });
    expect(result.errors).toEqual([]);
    const [row] = (await db.database.dataSource.query(
      `SELECT resource FROM fhir_resource WHERE patient_id = $1 AND fhir_id = 'enc'`,
      [patientId],
    )) as { resource: { participant: { individual: { reference: string } }[] } }[];
    expect(row.resource.participant[0].individual.reference).toBe(`Practitioner/${practitioner.id}`);
  });

  it('rejects a non-bundle and an oversized bundle without writing anything', async () => {
    const patientId = await db.createPatient();
    await expect(importInto(patientId, { resourceType: 'Patient' })).rejects.toMatchObject({
      code: PatientErrorCode.NOT_A_BUNDLE,
    });
    const big = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Basic', id: 'b', text: 'x'.repeat(6_000_000) } }],
    };
    const rejection = importInto(patientId, big);
    await expect(rejection).rejects.toBeInstanceOf(PatientError);
    await expect(rejection).rejects.toMatchObject({ code: PatientErrorCode.BUNDLE_TOO_LARGE });
    expect(await db.count('fhir_resource', patientId)).toBe(0);
  });

  it('writes nothing at all when the transaction fails after the upserts', async () => {
    const patientId = await db.createPatient();
    await expect(
      db.database.dataSource.transaction(async (manager) => {
        await importBundleIntoPatient(manager, patientId, readSynthea(ABDUL), limits);
        throw new Error('audit write failed');
      }),
    ).rejects.toThrow('audit write failed');
    expect(await db.count('fhir_resource', patientId)).toBe(0);
    expect(await db.count('observation', patientId)).toBe(0);
  });
});
