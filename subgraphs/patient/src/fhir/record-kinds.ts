import type {
  AllergyIntolerance,
  Condition,
  FamilyMemberHistory,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { allergyFromFhir, allergyToFhir, type AllergyFields } from './allergy-mapping';
import { conditionFromFhir, conditionToFhir, type ConditionFields } from './condition-mapping';
import {
  familyHistoryFromFhir,
  familyHistoryToFhir,
  type FamilyHistoryFields,
} from './family-history-mapping';
import { immunizationFromFhir, immunizationToFhir, type ImmunizationFields } from './immunization-mapping';
import {
  medicationRequestFromFhir,
  medicationStatementFromFhir,
  medicationToFhir,
  type MedicationFields,
} from './medication-mapping';
import { observationFromFhir, observationToFhir, type ObservationFields } from './observation-mapping';
import { procedureFromFhir, procedureToFhir, type ProcedureFields } from './procedure-mapping';

/** The typed fields each kind of health record holds. */
export interface RecordFieldsByKind {
  medication: MedicationFields;
  allergy: AllergyFields;
  condition: ConditionFields;
  observation: ObservationFields;
  immunization: ImmunizationFields;
  procedure: ProcedureFields;
  familyHistory: FamilyHistoryFields;
}

export type RecordKind = keyof RecordFieldsByKind;

export const RECORD_KINDS: readonly RecordKind[] = [
  'medication',
  'allergy',
  'condition',
  'observation',
  'immunization',
  'procedure',
  'familyHistory',
];

/** A typed record in any kind, tagged so code can switch on it. */
export type AnyRecordFields = { [K in RecordKind]: { kind: K; fields: RecordFieldsByKind[K] } }[RecordKind];

type FromFhir = (resource: Resource) => AnyRecordFields;

// A lookup rather than a switch over every FHIR resource type: most types are kept raw only.
const FROM_FHIR: ReadonlyMap<string, FromFhir> = new Map<string, FromFhir>([
  [
    'MedicationRequest',
    (r) => ({ kind: 'medication', fields: medicationRequestFromFhir(r as MedicationRequest) }),
  ],
  [
    'MedicationStatement',
    (r) => ({ kind: 'medication', fields: medicationStatementFromFhir(r as MedicationStatement) }),
  ],
  ['AllergyIntolerance', (r) => ({ kind: 'allergy', fields: allergyFromFhir(r as AllergyIntolerance) })],
  ['Condition', (r) => ({ kind: 'condition', fields: conditionFromFhir(r as Condition) })],
  ['Observation', (r) => ({ kind: 'observation', fields: observationFromFhir(r as Observation) })],
  ['Immunization', (r) => ({ kind: 'immunization', fields: immunizationFromFhir(r as Immunization) })],
  ['Procedure', (r) => ({ kind: 'procedure', fields: procedureFromFhir(r as Procedure) })],
  [
    'FamilyMemberHistory',
    (r) => ({ kind: 'familyHistory', fields: familyHistoryFromFhir(r as FamilyMemberHistory) }),
  ],
]);

/** The FHIR resource types that become typed records. */
export const MAPPED_RESOURCE_TYPES: readonly string[] = [...FROM_FHIR.keys()];

/** Maps a resource of a supported type to its record, or returns null for types kept only raw. */
export function recordFromFhir(resource: Resource): AnyRecordFields | null {
  return FROM_FHIR.get(resource.resourceType)?.(resource) ?? null;
}

/** The FHIR resource an export writes for a record. */
export function recordToFhir(record: AnyRecordFields, fhirId: string, patientRef: string): Resource {
  switch (record.kind) {
    case 'medication':
      return medicationToFhir(record.fields, fhirId, patientRef);
    case 'allergy':
      return allergyToFhir(record.fields, fhirId, patientRef);
    case 'condition':
      return conditionToFhir(record.fields, fhirId, patientRef);
    case 'observation':
      return observationToFhir(record.fields, fhirId, patientRef);
    case 'immunization':
      return immunizationToFhir(record.fields, fhirId, patientRef);
    case 'procedure':
      return procedureToFhir(record.fields, fhirId, patientRef);
    case 'familyHistory':
      return familyHistoryToFhir(record.fields, fhirId, patientRef);
  }
}
