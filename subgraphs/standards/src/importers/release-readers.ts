import { CodeSystem } from '../vocabulary/code-system';
import { readCptCsv } from './cpt-csv';
import { readIcd10cmOrderFile } from './icd10cm-order';
import type { ReleaseReader } from './import-record';
import { readLoincTable } from './loinc-table';
import { readSnomedRf2 } from './snomed-rf2';

/** The release formats the importer reads, by code system. */
export const RELEASE_READERS: Partial<Record<CodeSystem, ReleaseReader>> = {
  [CodeSystem.LOINC]: readLoincTable,
  [CodeSystem.SNOMED_CT]: readSnomedRf2,
  [CodeSystem.ICD_10_CM]: readIcd10cmOrderFile,
  [CodeSystem.CPT]: readCptCsv,
};
