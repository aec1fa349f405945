import { AllergyEntity } from '../entities/allergy.entity';
import { ConditionEntity } from '../entities/condition.entity';
import { FamilyHistoryEntity } from '../entities/family-history.entity';
import { FhirResourceEntity } from '../entities/fhir-resource.entity';
import { ImmunizationEntity } from '../entities/immunization.entity';
import { MedicationEntity } from '../entities/medication.entity';
import { ObservationEntity } from '../entities/observation.entity';
import { ProcedureEntity } from '../entities/procedure.entity';
import type { RecordKind } from '../fhir/record-kinds';

/** A list on Patient: the entity it holds, its table and the date column it is sorted by. */
export interface RecordListSpec<T> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function & { prototype: T };
  table: string;
  sortColumn: string;
}

export type ListKind = RecordKind | 'fhirResource';

export interface EntityByListKind {
  medication: MedicationEntity;
  allergy: AllergyEntity;
  condition: ConditionEntity;
  observation: ObservationEntity;
  immunization: ImmunizationEntity;
  procedure: ProcedureEntity;
  familyHistory: FamilyHistoryEntity;
  fhirResource: FhirResourceEntity;
}

/** Must agree with the migration's `<table>_patient_date` indexes. */
export const RECORD_LIST_SPECS: { [K in ListKind]: RecordListSpec<EntityByListKind[K]> } = {
  medication: { entity: MedicationEntity, table: 'medication', sortColumn: 'started_at' },
  allergy: { entity: AllergyEntity, table: 'allergy', sortColumn: 'recorded_at' },
  condition: { entity: ConditionEntity, table: 'condition', sortColumn: 'onset_at' },
  observation: { entity: ObservationEntity, table: 'observation', sortColumn: 'effective_at' },
  immunization: { entity: ImmunizationEntity, table: 'immunization', sortColumn: 'occurrence_at' },
  procedure: { entity: ProcedureEntity, table: 'procedure', sortColumn: 'performed_start' },
  familyHistory: { entity: FamilyHistoryEntity, table: 'family_history', sortColumn: 'recorded_at' },
  fhirResource: { entity: FhirResourceEntity, table: 'fhir_resource', sortColumn: 'last_updated' },
};
