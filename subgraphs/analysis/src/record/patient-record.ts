import { z } from 'zod';

/**
 * The kinds of patient record a finding can cite; each names a type the patient subgraph owns (PATIENT is the
 * demographics a rule based on age or sex rests on).
 */
export const RECORD_KINDS = [
  'PATIENT',
  'OBSERVATION',
  'IMMUNIZATION',
  'PROCEDURE',
  'CONDITION',
  'MEDICATION',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const nullableString = z.string().nullable();

export const observationComponentSchema = z.object({
  code: z.string(),
  display: z.string(),
  value: z.number().nullable(),
  unit: nullableString,
});

export const recordObservationSchema = z.object({
  id: z.string(),
  codeSystem: z.string(),
  code: z.string(),
  display: z.string(),
  category: nullableString,
  value: z.number().nullable(),
  unit: nullableString,
  referenceLow: z.number().nullable(),
  referenceHigh: z.number().nullable(),
  effectiveAt: nullableString,
  components: z.array(observationComponentSchema),
});

export const recordImmunizationSchema = z.object({
  id: z.string(),
  code: nullableString,
  display: nullableString,
  status: z.string(),
  occurrenceAt: nullableString,
});

export const recordProcedureSchema = z.object({
  id: z.string(),
  codeSystem: nullableString,
  code: nullableString,
  display: nullableString,
  status: z.string(),
  performedStart: nullableString,
});

export const recordConditionSchema = z.object({
  id: z.string(),
  code: nullableString,
  display: nullableString,
  clinicalStatus: nullableString,
  onsetAt: nullableString,
});

export const recordMedicationSchema = z.object({
  id: z.string(),
  code: nullableString,
  display: nullableString,
  status: z.string(),
  startedAt: nullableString,
});

/**
 * The slice of a patient's record the analyzers read: demographics needed for age/sex rules and the coded
 * records findings cite. It is what a ContextEntry stores (encrypted) and what the worker analyses.
 */
export const patientRecordSchema = z.object({
  patientId: z.string(),
  gender: nullableString,
  birthDate: nullableString,
  fetchedAt: z.string(),
  observations: z.array(recordObservationSchema),
  immunizations: z.array(recordImmunizationSchema),
  procedures: z.array(recordProcedureSchema),
  conditions: z.array(recordConditionSchema),
  medications: z.array(recordMedicationSchema),
});

export type PatientRecord = z.infer<typeof patientRecordSchema>;
export type RecordObservation = z.infer<typeof recordObservationSchema>;
export type RecordImmunization = z.infer<typeof recordImmunizationSchema>;
export type RecordProcedure = z.infer<typeof recordProcedureSchema>;

/** One record a statement rests on. */
export interface Citation {
  recordId: string;
  recordKind: RecordKind;
}
