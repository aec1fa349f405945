import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCptCsv } from '../src/importers/cpt-csv';
import { readIcd10cmOrderFile } from '../src/importers/icd10cm-order';
import { readLoincTable } from '../src/importers/loinc-table';
import { readSnomedRf2 } from '../src/importers/snomed-rf2';
import { importTerminology } from '../src/importers/terminology-import-run';
import { CodeSystem } from '../src/vocabulary/code-system';
import { seedStarterVocabulary } from '../src/vocabulary/vocabulary-seed';
import { createStandardsTestDatabase, type StandardsTestDatabase } from './standards-database';

let db: StandardsTestDatabase;
const folder = mkdtempSync(join(tmpdir(), 'standards-import-'));

function write(name: string, content: string): string {
  const file = join(folder, name);
  writeFileSync(file, content);
  return file;
}

async function concept(system: CodeSystem, code: string): Promise<Record<string, unknown> | undefined> {
  const rows = (await db.dataSource.query(
    `SELECT display, synonyms, properties, status FROM code_concept WHERE system = $1 AND code = $2`,
    [system, code],
  )) as Record<string, unknown>[];
  return rows[0];
}

async function count(system: CodeSystem): Promise<number> {
  const [row] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM code_concept WHERE system = $1`, [
    system,
  ])) as {
    n: number;
  }[];
  return row?.n ?? 0;
}

beforeAll(async () => {
  db = await createStandardsTestDatabase('import');
  await seedStarterVocabulary(db.dataSource);
});

afterAll(async () => {
  await db.drop();
  rmSync(folder, { recursive: true, force: true });
});

// Small files in each release's real layout; rows are illustrative, not copies of the licensed releases.
const ICD_ORDER = [
  '00001 A00     0 Cholera                                                      Cholera',
  '00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae',
  '00003 A001    1 Cholera due to Vibrio cholerae 01, biovar eltor              Cholera due to Vibrio cholerae 01, biovar eltor',
  '00004 A009    1 Cholera, unspecified                                         Cholera, unspecified',
  '00005 E119    1 Type 2 diabetes mellitus without complications               Type 2 diabetes mellitus without complications',
].join('\n');

describe('importTerminology', () => {
  it('imports an ICD-10-CM order file with dotted codes and billable flags, resumably', async () => {
    const file = write('icd10cm-order-test.txt', `${ICD_ORDER}\n`);
    const controller = new AbortController();
    const first = await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.ICD_10_CM,
      file,
      read: readIcd10cmOrderFile,
      batchSize: 2,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(first).toMatchObject({ completed: false, recordsDone: 2, conceptsWritten: 2 });
    expect(await concept(CodeSystem.ICD_10_CM, 'A00.1')).toBeUndefined();

    const second = await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.ICD_10_CM,
      file,
      read: readIcd10cmOrderFile,
      batchSize: 2,
    });
    expect(second).toMatchObject({ completed: true, resumedFrom: 2, recordsDone: 5, conceptsWritten: 3 });
    expect(await concept(CodeSystem.ICD_10_CM, 'A00.1')).toMatchObject({
      display: 'Cholera due to Vibrio cholerae 01, biovar eltor',
      properties: { billable: true },
    });
    expect(await concept(CodeSystem.ICD_10_CM, 'A00')).toMatchObject({ properties: { billable: false } });

    const third = await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.ICD_10_CM,
      file,
      read: readIcd10cmOrderFile,
    });
    expect(third.alreadyComplete).toBe(true);
    const before = await count(CodeSystem.ICD_10_CM);
    await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.ICD_10_CM,
      file,
      read: readIcd10cmOrderFile,
      restart: true,
    });
    expect(await count(CodeSystem.ICD_10_CM)).toBe(before);
  });

  it('imports the LOINC table with its axes and example UCUM unit, replacing the starter display', async () => {
    const file = write(
      'Loinc.csv',
      [
        '"LOINC_NUM","COMPONENT","PROPERTY","TIME_ASPCT","SYSTEM","SCALE_TYP","METHOD_TYP","CLASS","STATUS","SHORTNAME","LONG_COMMON_NAME","EXAMPLE_UCUM_UNITS"',
        '"2339-0","Glucose","MCnc","Pt","Bld","Qn","","CHEM","ACTIVE","Glucose Bld-mCnc","Glucose [Mass/volume] in Blood","mg/dL"',
        '"99999-9","Made-up analyte, for this test","MCnc","Pt","Ser","Qn","","CHEM","DEPRECATED","Made-up","Made-up analyte [Mass/volume] in Serum","g/L;mg/dL"',
      ].join('\n'),
    );
    const result = await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.LOINC,
      file,
      read: readLoincTable,
    });
    expect(result).toMatchObject({ completed: true, conceptsWritten: 2 });
    const glucose = await concept(CodeSystem.LOINC, '2339-0');
    expect(glucose).toMatchObject({ display: 'Glucose [Mass/volume] in Blood', status: 'active' });
    expect(glucose?.['synonyms']).toEqual(
      expect.arrayContaining(['Glucose', 'Glucose Bld-mCnc', 'blood sugar']),
    );
    expect(glucose?.['properties']).toMatchObject({
      system: 'Bld',
      exampleUcumUnit: 'mg/dL',
      molecularWeight: 180.156,
    });
    expect(await concept(CodeSystem.LOINC, '99999-9')).toMatchObject({
      status: 'deprecated',
      properties: { component: 'Made-up analyte, for this test', exampleUcumUnit: 'g/L' },
    });
  });

  it('imports SNOMED CT RF2 concept and description snapshots in either order', async () => {
    const descriptions = write(
      'sct2_Description_Snapshot-en_TEST.txt',
      [
        'id\teffectiveTime\tactive\tmoduleId\tconceptId\tlanguageCode\ttypeId\tterm\tcaseSignificanceId',
        '1001\t20240101\t1\t900000000000207008\t38341003\ten\t900000000000003001\tHypertensive disorder, systemic arterial (disorder)\t900000000000448009',
        '1002\t20240101\t1\t900000000000207008\t38341003\ten\t900000000000013009\tHigh blood pressure\t900000000000448009',
        '1003\t20240101\t0\t900000000000207008\t38341003\ten\t900000000000013009\tRetired name\t900000000000448009',
      ].join('\n'),
    );
    const concepts = write(
      'sct2_Concept_Snapshot_TEST.txt',
      [
        'id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId',
        '38341003\t20240101\t1\t900000000000207008\t900000000000074008',
        '555555555\t20240101\t0\t900000000000207008\t900000000000074008',
      ].join('\n'),
    );
    await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.SNOMED_CT,
      file: descriptions,
      read: readSnomedRf2,
    });
    await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.SNOMED_CT,
      file: concepts,
      read: readSnomedRf2,
    });
    const hypertension = await concept(CodeSystem.SNOMED_CT, '38341003');
    expect(hypertension).toMatchObject({
      display: 'Hypertensive disorder, systemic arterial (disorder)',
      status: 'active',
    });
    expect(hypertension?.['synonyms']).toContain('High blood pressure');
    expect(hypertension?.['synonyms']).not.toContain('Retired name');
    expect(await concept(CodeSystem.SNOMED_CT, '555555555')).toMatchObject({ status: 'inactive' });
  });

  it('imports a CPT CSV by header names and skips rows that are not CPT codes', async () => {
    const file = write(
      'cpt.csv',
      ['Descriptor,Code', '"Synthetic descriptor for a test, not CPT content",00001', 'bad row,12'].join(
        '\n',
      ),
    );
    const result = await importTerminology({
      dataSource: db.dataSource,
      system: CodeSystem.CPT,
      file,
      read: readCptCsv,
    });
    expect(result.conceptsWritten).toBe(1);
    expect(await concept(CodeSystem.CPT, '00001')).toMatchObject({
      display: 'Synthetic descriptor for a test, not CPT content',
    });
  });
});
