import type { PromptRecord, PromptRequest } from '@holovitals/deidentify';
import { AnalysisTaskType } from '../entities/analysis-enums';
import { ageInYears } from '../rules/patient-age';
import type { PatientRecord, RecordKind } from '../record/patient-record';

/** Every record id the model may cite, with its kind: citations to anything else are rejected. */
export type CitableRecords = ReadonlyMap<string, RecordKind>;

const INSTRUCTION =
  'You are a careful clinical assistant writing for the patient. Use only the records given. Every statement ' +
  'must cite the ids of the records it rests on; do not state anything the records do not support. Answer ' +
  'in sections of short plain-language statements.';

const TASKS: Record<AnalysisTaskType, string> = {
  [AnalysisTaskType.SUMMARY]:
    'Summarise this health record: active conditions, medications, recent results and anything that needs attention.',
  [AnalysisTaskType.LAB_TRENDS]:
    'Describe the trends in the lab results and vital signs, and point out results outside the usual range without a later follow-up.',
  [AnalysisTaskType.MEDICATION_REVIEW]:
    'Review the active medications: what each is usually for, and possible interactions or duplications between them.',
  [AnalysisTaskType.CARE_GAPS]:
    'List screenings and immunizations that look overdue for this age and sex, given the procedures and immunizations on record.',
  [AnalysisTaskType.QUESTION]: 'Answer the patient’s question from the records.',
};

const on = (date: string | null): string => (date ? ` on ${date.slice(0, 10)}` : '');
const value = (amount: number | null, unit: string | null): string =>
  amount === null ? 'no value' : `${amount}${unit ? ` ${unit}` : ''}`;
const coded = (display: string | null, system: string | null, code: string | null): string =>
  `${display ?? 'unnamed'}${code ? ` (${system ? `${system} ` : ''}${code})` : ''}`;

/**
 * The record as prompt data: one record per row, keeping its id so the model's citations resolve. The
 * demographics carry an age (90+ when older, as Safe Harbor requires), never the birth date; dates are
 * written out for de-identification to reduce to their year.
 */
export function promptRecords(record: PatientRecord, asOf: Date): PromptRecord[] {
  const age = ageInYears(record.birthDate, asOf);
  const demographics = [
    `sex ${record.gender ?? 'unknown'}`,
    age === null ? 'age unknown' : age >= 90 ? 'age 90 or older' : `age ${age}`,
  ].join(', ');
  return [
    { id: record.patientId, text: `Patient demographics: ${demographics}.` },
    ...record.conditions.map((item) => ({
      id: item.id,
      text: `Condition: ${coded(item.display, 'SNOMED CT', item.code)}, status ${item.clinicalStatus ?? 'unknown'}, onset${on(item.onsetAt) || ' unknown'}.`,
    })),
    ...record.medications.map((item) => ({
      id: item.id,
      text: `Medication: ${coded(item.display, 'RxNorm', item.code)}, status ${item.status}, started${on(item.startedAt) || ' unknown'}.`,
    })),
    ...record.observations.map((item) => ({
      id: item.id,
      text: `Observation (${item.category ?? 'uncategorised'}): ${coded(item.display, 'LOINC', item.code)} = ${
        item.components.length > 0
          ? item.components.map((part) => `${part.display} ${value(part.value, part.unit)}`).join(', ')
          : value(item.value, item.unit)
      }${item.referenceLow !== null || item.referenceHigh !== null ? `, reference ${item.referenceLow ?? '…'}–${item.referenceHigh ?? '…'}` : ''}${on(item.effectiveAt)}.`,
    })),
    ...record.procedures.map((item) => ({
      id: item.id,
      text: `Procedure: ${coded(item.display, 'SNOMED CT', item.code)}, status ${item.status}${on(item.performedStart)}.`,
    })),
    ...record.immunizations.map((item) => ({
      id: item.id,
      text: `Immunization: ${coded(item.display, 'CVX', item.code)}, status ${item.status}${on(item.occurrenceAt)}.`,
    })),
  ];
}

/** The ids a result may cite and what each is. */
export function citableRecords(record: PatientRecord): CitableRecords {
  const kinds = new Map<string, RecordKind>([[record.patientId, 'PATIENT']]);
  for (const item of record.conditions) kinds.set(item.id, 'CONDITION');
  for (const item of record.medications) kinds.set(item.id, 'MEDICATION');
  for (const item of record.observations) kinds.set(item.id, 'OBSERVATION');
  for (const item of record.procedures) kinds.set(item.id, 'PROCEDURE');
  for (const item of record.immunizations) kinds.set(item.id, 'IMMUNIZATION');
  return kinds;
}

/** Our instruction, the task (or the patient's question) and the record as data, before de-identification. */
export function promptRequest(
  record: PatientRecord,
  task: { type: AnalysisTaskType; question: string | null },
  asOf: Date,
): PromptRequest {
  const request =
    task.type === AnalysisTaskType.QUESTION
      ? `${TASKS.QUESTION}\n\nThe patient’s question: ${task.question ?? ''}`
      : TASKS[task.type];
  return { instruction: INSTRUCTION, task: request, records: promptRecords(record, asOf) };
}
