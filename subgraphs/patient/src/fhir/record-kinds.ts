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

interface MappedResourceType {
  kind: RecordKind;
  fromFhir: FromFhir;
}

// A lookup rather than a switch over every FHIR resource type: most types are kept raw only.
const FROM_FHIR: ReadonlyMap<string, MappedResourceType> = new Map<string, MappedResourceType>([
  [
    'MedicationRequest',
    {
      kind: 'medication',
      fromFhir: (r) => ({ kind: 'medication', fields: medicationRequestFromFhir(r as MedicationRequest) }),
    },
  ],
  [
    'MedicationStatement',
    {
      kind: 'medication',
      fromFhir: (r) => ({
        kind: 'medication',
        fields: medicationStatementFromFhir(r as MedicationStatement),
      }),
    },
  ],
  [
    'AllergyIntolerance',
    {
      kind: 'allergy',
      fromFhir: (r) => ({ kind: 'allergy', fields: allergyFromFhir(r as AllergyIntolerance) }),
    },
  ],
  [
    'Condition',
    {
      kind: 'condition',
      fromFhir: (r) => ({ kind: 'condition', fields: conditionFromFhir(r as Condition) }),
    },
  ],
  [
    'Observation',
    {
      kind: 'observation',
      fromFhir: (r) => ({ kind: 'observation', fields: observationFromFhir(r as Observation) }),
    },
  ],
  [
    'Immunization',
    {
      kind: 'immunization',
      fromFhir: (r) => ({ kind: 'immunization', fields: immunizationFromFhir(r as Immunization) }),
    },
  ],
  [
    'Procedure',
    {
      kind: 'procedure',
      fromFhir: (r) => ({ kind: 'procedure', fields: procedureFromFhir(r as Procedure) }),
    },
  ],
  [
    'FamilyMemberHistory',
    {
      kind: 'familyHistory',
      fromFhir: (r) => ({ kind: 'familyHistory', fields: familyHistoryFromFhir(r as FamilyMemberHistory) }),
    },
  ],
]);

/** The FHIR resource types that become typed records. */
export const MAPPED_RESOURCE_TYPES: readonly string[] = [...FROM_FHIR.keys()];

/** The record kind a FHIR resource type maps to, or null for types kept only raw. */
export function recordKindOf(resourceType: string): RecordKind | null {
  return FROM_FHIR.get(resourceType)?.kind ?? null;
}

/** The FHIR resource types whose resources become records of this kind. */
export function resourceTypesOf(kind: RecordKind): string[] {
  return [...FROM_FHIR].filter(([, mapped]) => mapped.kind === kind).map(([resourceType]) => resourceType);
}

/** Maps a resource of a supported type to its record, or returns null for types kept only raw. */
export function recordFromFhir(resource: Resource): AnyRecordFields | null {
  return FROM_FHIR.get(resource.resourceType)?.fromFhir(resource) ?? null;
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
