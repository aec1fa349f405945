import type { PromptRecord, PromptRequest } from '@holovitals/deidentify';
import { AnalysisTaskType } from '../entities/analysis-enums';
import { ageInYears } from '../rules/patient-age';
import type { RenderedPrompt } from '../prompts/prompt-rendering';
import type { PatientRecord, RecordKind } from '../record/patient-record';

/** Every record id the model may cite, with its kind: citations to anything else are rejected. */
export type CitableRecords = ReadonlyMap<string, RecordKind>;

const on = (date: string | null): string => (date ? ` on ${date.slice(0, 10)}` : '');
const value = (amount: number | null, unit: string | null): string =>
  amount === null ? 'no value' : `${amount}${unit ? ` ${unit}` : ''}`;
const coded = (display: string | null, system: string | null, code: string | null): string =>
  `${display ?? 'unnamed'}${code ? ` (${system ? `${system} ` : ''}${code})` : ''}`;

/** A record row as sent: its id (for citations), its text, and what kind of record it is. */
export interface PromptRow extends PromptRecord {
  kind: RecordKind;
}

/**
 * Which kinds of record each task sends, in order: only what the task needs (fewer tokens, less data
 * leaving the service). The demographics always go first: age and sex decide what is due.
 */
const KINDS_SENT: Record<AnalysisTaskType, readonly RecordKind[]> = {
  [AnalysisTaskType.SUMMARY]: [
    'PATIENT',
    'CONDITION',
    'MEDICATION',
    'OBSERVATION',
    'PROCEDURE',
    'IMMUNIZATION',
  ],
  [AnalysisTaskType.LAB_TRENDS]: ['PATIENT', 'OBSERVATION'],
  [AnalysisTaskType.MEDICATION_REVIEW]: ['PATIENT', 'MEDICATION', 'CONDITION'],
  [AnalysisTaskType.CARE_GAPS]: ['PATIENT', 'IMMUNIZATION', 'PROCEDURE', 'OBSERVATION', 'CONDITION'],
  [AnalysisTaskType.QUESTION]: [
    'PATIENT',
    'CONDITION',
    'MEDICATION',
    'OBSERVATION',
    'PROCEDURE',
    'IMMUNIZATION',
  ],
};

/**
 * Most records of one kind sent in one prompt, newest first: bounds the prompt (and the de-identification
 * time, ~1 ms per row plus the name tagger) for long records. Older ones are left out and the result says so.
 */
export const MAX_ROWS_PER_KIND = 150;

const newestFirst = <T>(items: readonly T[], date: (item: T) => string | null): T[] =>
  [...items].sort((a, b) => (date(b) ?? '').localeCompare(date(a) ?? '')).slice(0, MAX_ROWS_PER_KIND);

const RECORDS_OF: Record<Exclude<RecordKind, 'PATIENT'>, (record: PatientRecord) => readonly unknown[]> = {
  CONDITION: (record) => record.conditions,
  MEDICATION: (record) => record.medications,
  OBSERVATION: (record) => record.observations,
  PROCEDURE: (record) => record.procedures,
  IMMUNIZATION: (record) => record.immunizations,
};

/** What a task's prompt leaves out because of MAX_ROWS_PER_KIND: kind, rows sent, records held. */
export function omittedRecords(
  record: PatientRecord,
  type: AnalysisTaskType,
): Array<{ kind: RecordKind; sent: number; total: number }> {
  return KINDS_SENT[type]
    .filter((kind): kind is Exclude<RecordKind, 'PATIENT'> => kind !== 'PATIENT')
    .map((kind) => ({ kind, sent: MAX_ROWS_PER_KIND, total: RECORDS_OF[kind](record).length }))
    .filter((entry) => entry.total > MAX_ROWS_PER_KIND);
}

/**
 * The record as prompt data: one row per record (newest first, at most MAX_ROWS_PER_KIND per kind), keeping its id so the model's citations resolve. The
 * demographics carry an age (90+ when older, as Safe Harbor requires), never the birth date; dates are
 * written out for de-identification to reduce to their year.
 */
export function promptRecords(record: PatientRecord, asOf: Date, type: AnalysisTaskType): PromptRow[] {
  const age = ageInYears(record.birthDate, asOf);
  const demographics = [
    `sex ${record.gender ?? 'unknown'}`,
    age === null ? 'age unknown' : age >= 90 ? 'age 90 or older' : `age ${age}`,
  ].join(', ');
  const rows: Record<RecordKind, () => PromptRow[]> = {
    PATIENT: () => [
      { id: record.patientId, kind: 'PATIENT', text: `Patient demographics: ${demographics}.` },
    ],
    CONDITION: () =>
      newestFirst(record.conditions, (item) => item.onsetAt).map((item) => ({
        id: item.id,
        kind: 'CONDITION',
        text: `Condition: ${coded(item.display, 'SNOMED CT', item.code)}, status ${item.clinicalStatus ?? 'unknown'}, onset${on(item.onsetAt) || ' unknown'}.`,
      })),
    MEDICATION: () =>
      newestFirst(record.medications, (item) => item.startedAt).map((item) => ({
        id: item.id,
        kind: 'MEDICATION',
        text: `Medication: ${coded(item.display, 'RxNorm', item.code)}, status ${item.status}, started${on(item.startedAt) || ' unknown'}.`,
      })),
    OBSERVATION: () =>
      newestFirst(record.observations, (item) => item.effectiveAt).map((item) => ({
        id: item.id,
        kind: 'OBSERVATION',
        text: `Observation (${item.category ?? 'uncategorised'}): ${coded(item.display, 'LOINC', item.code)} = ${
          item.components.length > 0
            ? item.components.map((part) => `${part.display} ${value(part.value, part.unit)}`).join(', ')
            : value(item.value, item.unit)
        }${item.referenceLow !== null || item.referenceHigh !== null ? `, reference ${item.referenceLow ?? '…'}–${item.referenceHigh ?? '…'}` : ''}${on(item.effectiveAt)}.`,
      })),
    PROCEDURE: () =>
      newestFirst(record.procedures, (item) => item.performedStart).map((item) => ({
        id: item.id,
        kind: 'PROCEDURE',
        text: `Procedure: ${coded(item.display, 'SNOMED CT', item.code)}, status ${item.status}${on(item.performedStart)}.`,
      })),
    IMMUNIZATION: () =>
      newestFirst(record.immunizations, (item) => item.occurrenceAt).map((item) => ({
        id: item.id,
        kind: 'IMMUNIZATION',
        text: `Immunization: ${coded(item.display, 'CVX', item.code)}, status ${item.status}${on(item.occurrenceAt)}.`,
      })),
  };
  return KINDS_SENT[type].flatMap((kind) => rows[kind]());
}

/** The ids a result may cite, and what each is: exactly the rows the model was sent. */
export function citableRecords(rows: readonly PromptRow[]): CitableRecords {
  return new Map(rows.map((row) => [row.id, row.kind]));
}

/** The rendered template (instruction, task with the question filled in) and the record as data, before de-identification. */
export function promptRequest(
  record: PatientRecord,
  type: AnalysisTaskType,
  asOf: Date,
  prompt: RenderedPrompt,
): PromptRequest & { records: PromptRow[] } {
  return { instruction: prompt.instruction, task: prompt.task, records: promptRecords(record, asOf, type) };
}
