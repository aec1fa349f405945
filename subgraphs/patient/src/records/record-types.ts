import { connectionType, type Connection } from '@holovitals/subgraph-kit';
import type { ClassType } from 'type-graphql';
import { AllergyEntity } from '../entities/allergy.entity';
import { ConditionEntity } from '../entities/condition.entity';
import { FamilyHistoryEntity } from '../entities/family-history.entity';
import { ImmunizationEntity } from '../entities/immunization.entity';
import { MedicationEntity } from '../entities/medication.entity';
import { ObservationEntity } from '../entities/observation.entity';
import { ProcedureEntity } from '../entities/procedure.entity';
import type { RecordFieldsByKind, RecordKind } from '../fhir/record-kinds';
import { codeColumns, type RecordColumn, type RecordTable } from '../import/record-tables';
import { AllergyInput } from '../resolvers/types/allergy.input';
import { ConditionInput } from '../resolvers/types/condition.input';
import { FamilyHistoryInput } from '../resolvers/types/family-history.input';
import { ImmunizationInput } from '../resolvers/types/immunization.input';
import { MedicationInput } from '../resolvers/types/medication.input';
import { ObservationInput } from '../resolvers/types/observation.input';
import { ProcedureInput } from '../resolvers/types/procedure.input';

/** The entity class of each record kind. */
export interface EntityByKind {
  medication: MedicationEntity;
  allergy: AllergyEntity;
  condition: ConditionEntity;
  observation: ObservationEntity;
  immunization: ImmunizationEntity;
  procedure: ProcedureEntity;
  familyHistory: FamilyHistoryEntity;
}

/** Everything the API and the database side need to know about one kind of health record. */
export interface RecordTypeSpec<K extends RecordKind> {
  /** GraphQL type (and audit entity type): mutations are create/update/delete<typeName>. */
  typeName: string;
  entity: ClassType<EntityByKind[K]>;
  input: ClassType<object>;
  connection: ClassType<Connection<EntityByKind[K]>>;
  table: string;
  /** The columns an import's bulk upsert writes; must agree with the migration. */
  columns: RecordColumn<RecordFieldsByKind[K]>[];
  /** The date lists sort by; must agree with the migration's `<table>_patient_date` index. */
  sortColumn: string;
  /** The Patient field listing them, and its description. */
  listField: string;
  listDescription: string;
  /** Set when the list field takes extra arguments and is written by hand (PatientRecordsResolver). */
  customListField?: true;
}

/**
 * The patient record types, listed once: mutations, federation references, list loaders, Patient list fields and
 * the entity list and the import's upsert columns are built from this. The FHIR mapping (fhir/record-kinds.ts) is a
 * map over the same `RecordKind`s, so TypeScript refuses one that misses a kind.
 */
export const RECORD_TYPES: { [K in RecordKind]: RecordTypeSpec<K> } = {
  medication: {
    typeName: 'Medication',
    entity: MedicationEntity,
    input: MedicationInput,
    connection: connectionType(MedicationEntity, 'Medication'),
    table: 'medication',
    columns: [
      ...codeColumns(),
      { column: 'source_type', sqlType: 'text', value: (f) => f.sourceType },
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'intent', sqlType: 'text', value: (f) => f.intent },
      { column: 'dosage', sqlType: 'text', value: (f) => f.dosage },
      { column: 'started_at', sqlType: 'timestamptz', value: (f) => f.startedAt },
      { column: 'ended_at', sqlType: 'timestamptz', value: (f) => f.endedAt },
    ],
    sortColumn: 'started_at',
    listField: 'medications',
    listDescription: 'Medications prescribed or taken, by date.',
  },
  allergy: {
    typeName: 'Allergy',
    entity: AllergyEntity,
    input: AllergyInput,
    connection: connectionType(AllergyEntity, 'Allergy'),
    table: 'allergy',
    columns: [
      ...codeColumns(),
      { column: 'clinical_status', sqlType: 'text', value: (f) => f.clinicalStatus },
      { column: 'verification_status', sqlType: 'text', value: (f) => f.verificationStatus },
      { column: 'type', sqlType: 'text', value: (f) => f.type },
      { column: 'category', sqlType: 'text', value: (f) => f.category },
      { column: 'criticality', sqlType: 'text', value: (f) => f.criticality },
      { column: 'reaction', sqlType: 'text', value: (f) => f.reaction },
      { column: 'onset_at', sqlType: 'timestamptz', value: (f) => f.onsetAt },
      { column: 'recorded_at', sqlType: 'timestamptz', value: (f) => f.recordedAt },
    ],
    sortColumn: 'recorded_at',
    listField: 'allergies',
    listDescription: 'Allergies and intolerances, by recorded date.',
  },
  condition: {
    typeName: 'Condition',
    entity: ConditionEntity,
    input: ConditionInput,
    connection: connectionType(ConditionEntity, 'Condition'),
    table: 'condition',
    columns: [
      ...codeColumns(),
      { column: 'clinical_status', sqlType: 'text', value: (f) => f.clinicalStatus },
      { column: 'verification_status', sqlType: 'text', value: (f) => f.verificationStatus },
      { column: 'category', sqlType: 'text', value: (f) => f.category },
      { column: 'onset_at', sqlType: 'timestamptz', value: (f) => f.onsetAt },
      { column: 'abatement_at', sqlType: 'timestamptz', value: (f) => f.abatementAt },
      { column: 'recorded_at', sqlType: 'timestamptz', value: (f) => f.recordedAt },
    ],
    sortColumn: 'onset_at',
    listField: 'conditions',
    listDescription: 'Conditions (diagnoses, problems), by onset date.',
  },
  observation: {
    typeName: 'Observation',
    entity: ObservationEntity,
    input: ObservationInput,
    connection: connectionType(ObservationEntity, 'Observation'),
    table: 'observation',
    columns: [
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'category', sqlType: 'text', value: (f) => f.category },
      { column: 'code_system', sqlType: 'text', value: (f) => f.codeSystem },
      { column: 'code', sqlType: 'text', value: (f) => f.code },
      { column: 'display', sqlType: 'text', value: (f) => f.display },
      { column: 'value', sqlType: 'double precision', value: (f) => f.value },
      { column: 'unit', sqlType: 'text', value: (f) => f.unit },
      { column: 'value_string', sqlType: 'text', value: (f) => f.valueString },
      { column: 'reference_low', sqlType: 'double precision', value: (f) => f.referenceLow },
      { column: 'reference_high', sqlType: 'double precision', value: (f) => f.referenceHigh },
      { column: 'effective_at', sqlType: 'timestamptz', value: (f) => f.effectiveAt },
      { column: 'components', sqlType: 'jsonb', value: (f) => f.components },
    ],
    sortColumn: 'effective_at',
    listField: 'observations',
    listDescription: 'Vital signs and lab results, by effective date.',
    customListField: true,
  },
  immunization: {
    typeName: 'Immunization',
    entity: ImmunizationEntity,
    input: ImmunizationInput,
    connection: connectionType(ImmunizationEntity, 'Immunization'),
    table: 'immunization',
    columns: [
      ...codeColumns(),
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'occurrence_at', sqlType: 'timestamptz', value: (f) => f.occurrenceAt },
      { column: 'primary_source', sqlType: 'boolean', value: (f) => f.primarySource },
      { column: 'lot_number', sqlType: 'text', value: (f) => f.lotNumber },
    ],
    sortColumn: 'occurrence_at',
    listField: 'immunizations',
    listDescription: 'Vaccinations, by date given.',
  },
  procedure: {
    typeName: 'Procedure',
    entity: ProcedureEntity,
    input: ProcedureInput,
    connection: connectionType(ProcedureEntity, 'Procedure'),
    table: 'procedure',
    columns: [
      ...codeColumns(),
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'performed_start', sqlType: 'timestamptz', value: (f) => f.performedStart },
      { column: 'performed_end', sqlType: 'timestamptz', value: (f) => f.performedEnd },
    ],
    sortColumn: 'performed_start',
    listField: 'procedures',
    listDescription: 'Procedures, by date performed.',
  },
  familyHistory: {
    typeName: 'FamilyHistory',
    entity: FamilyHistoryEntity,
    input: FamilyHistoryInput,
    connection: connectionType(FamilyHistoryEntity, 'FamilyHistory'),
    table: 'family_history',
    columns: [
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'relationship_code', sqlType: 'text', value: (f) => f.relationshipCode },
      { column: 'relationship_display', sqlType: 'text', value: (f) => f.relationshipDisplay },
      { column: 'sex', sqlType: 'text', value: (f) => f.sex },
      { column: 'recorded_at', sqlType: 'timestamptz', value: (f) => f.recordedAt },
      { column: 'conditions', sqlType: 'jsonb', value: (f) => f.conditions },
    ],
    sortColumn: 'recorded_at',
    listField: 'familyHistory',
    listDescription: "Relatives' health history, by recorded date.",
  },
};

/** The record kinds in the order they are listed above. */
export function recordTypeEntries(): { [K in RecordKind]: [K, RecordTypeSpec<K>] }[RecordKind][] {
  return Object.entries(RECORD_TYPES) as { [K in RecordKind]: [K, RecordTypeSpec<K>] }[RecordKind][];
}

/** The table and upsert columns of a record kind, for the import's kind-independent SQL. */
export function recordTable(kind: RecordKind): RecordTable<unknown> {
  const { table, columns } = RECORD_TYPES[kind];
  return { table, columns } as RecordTable<unknown>;
}
