import type { ClassType } from 'type-graphql';
import { AllergyEntity } from '../entities/allergy.entity';
import { ConditionEntity } from '../entities/condition.entity';
import { FamilyHistoryEntity } from '../entities/family-history.entity';
import { ImmunizationEntity } from '../entities/immunization.entity';
import { MedicationEntity } from '../entities/medication.entity';
import { ObservationEntity } from '../entities/observation.entity';
import { ProcedureEntity } from '../entities/procedure.entity';
import type { RecordKind } from '../fhir/record-kinds';
import { connectionType, type Connection } from '../resolvers/types/connection';
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
 * the entity list are built from this. The FHIR mapping (fhir/record-kinds.ts) and the import's columns
 * (import/record-tables.ts) are maps over the same `RecordKind`s, so TypeScript refuses one that misses a kind.
 */
export const RECORD_TYPES: { [K in RecordKind]: RecordTypeSpec<K> } = {
  medication: {
    typeName: 'Medication',
    entity: MedicationEntity,
    input: MedicationInput,
    connection: connectionType(MedicationEntity, 'Medication'),
    table: 'medication',
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
    sortColumn: 'recorded_at',
    listField: 'familyHistory',
    listDescription: "Relatives' health history, by recorded date.",
  },
};

/** The record kinds in the order they are listed above. */
export function recordTypeEntries(): { [K in RecordKind]: [K, RecordTypeSpec<K>] }[RecordKind][] {
  return Object.entries(RECORD_TYPES) as { [K in RecordKind]: [K, RecordTypeSpec<K>] }[RecordKind][];
}
