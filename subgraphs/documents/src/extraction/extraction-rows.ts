import { ExtractionStatus } from '../entities/document-status';
import { ExtractionMethod } from '../entities/extraction-method';
import {
  EXTRACTED_CONDITION_SYSTEM,
  EXTRACTED_MEDICATION_SYSTEM,
  EXTRACTED_NAME_SYSTEM,
  ExtractionKind,
  type ExtractionEntity,
  ICD10_CM_SYSTEM,
} from '../entities/extraction.entity';
import type { PageLayout } from '../pipeline/page-layout';
import { extractClinicalLists } from './clinical-list-rules';
import { extractLabRows } from './lab-table-rules';
import {
  noConditionFields,
  noLabFields,
  noMedicationFields,
  normalizedName,
  type ProposedRow,
} from './proposed-row';

/** Every result one page proposes: lab rows, then diagnoses, then medications, each with its page and box. */
export function proposedRows(page: PageLayout): ProposedRow[] {
  const labs = extractLabRows(page).map((row): ProposedRow => ({
    kind: ExtractionKind.LAB_RESULT,
    method: ExtractionMethod.RULES,
    codeSystem: EXTRACTED_NAME_SYSTEM,
    code: normalizedName(row.name),
    display: row.name,
    value: row.value,
    valueText: row.valueText,
    unit: row.unit,
    referenceLow: row.referenceLow,
    referenceHigh: row.referenceHigh,
    referenceText: row.referenceText,
    flag: row.flag,
    effectiveAt: row.effectiveAt,
    confidence: row.confidence,
    pageNumber: row.pageNumber,
    box: row.box,
    ...noConditionFields,
    ...noMedicationFields,
  }));
  const lists = extractClinicalLists(page);
  const conditions = lists.conditions.map((row): ProposedRow => ({
    kind: ExtractionKind.CONDITION,
    method: ExtractionMethod.RULES,
    codeSystem: row.icd10Code ? ICD10_CM_SYSTEM : EXTRACTED_CONDITION_SYSTEM,
    code: row.icd10Code ?? normalizedName(row.name),
    display: row.name,
    valueText: row.clinicalStatus ?? '',
    clinicalStatus: row.clinicalStatus,
    onsetText: row.onsetText,
    effectiveAt: null,
    confidence: row.confidence,
    pageNumber: row.pageNumber,
    box: row.box,
    ...noLabFields,
    ...noMedicationFields,
  }));
  const medications = lists.medications.map((row): ProposedRow => ({
    kind: ExtractionKind.MEDICATION,
    method: ExtractionMethod.RULES,
    codeSystem: EXTRACTED_MEDICATION_SYSTEM,
    code: normalizedName(row.name),
    display: row.name,
    valueText: [row.dose, row.route, row.frequency].filter(Boolean).join(' '),
    dose: row.dose,
    route: row.route,
    frequency: row.frequency,
    effectiveAt: null,
    confidence: row.confidence,
    pageNumber: row.pageNumber,
    box: row.box,
    ...noLabFields,
    ...noConditionFields,
  }));
  return [...labs, ...conditions, ...medications];
}

/** Rows as inserted for one run of one document. */
export function proposalsOf(
  rows: ProposedRow[],
  owner: { documentId: string; patientId: string; generation: number },
): Partial<ExtractionEntity>[] {
  return rows.map((row) => ({ ...row, ...owner, status: ExtractionStatus.PROPOSED }));
}
