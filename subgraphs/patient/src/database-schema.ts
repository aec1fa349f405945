import { AllergyEntity } from './entities/allergy.entity';
import { ConditionEntity } from './entities/condition.entity';
import { ConsentProjectionEntity } from './entities/consent-projection.entity';
import { FamilyHistoryEntity } from './entities/family-history.entity';
import { FhirResourceEntity } from './entities/fhir-resource.entity';
import { ImmunizationEntity } from './entities/immunization.entity';
import { MedicationEntity } from './entities/medication.entity';
import { ObservationEntity } from './entities/observation.entity';
import { PatientEntity } from './entities/patient.entity';
import { ProcedureEntity } from './entities/procedure.entity';
import { CreatePatient1764100000000 } from './migrations/1764100000000-create-patient';
import { RecordDeletion1764900000000 } from './migrations/1764900000000-record-deletion';

/** The patient subgraph's TypeORM entities, for the subgraph definition, tests and the bench. */
export const patientEntities = [
  PatientEntity,
  MedicationEntity,
  AllergyEntity,
  ConditionEntity,
  ObservationEntity,
  ImmunizationEntity,
  ProcedureEntity,
  FamilyHistoryEntity,
  FhirResourceEntity,
  ConsentProjectionEntity,
];

/** Its migrations, oldest first. */
export const patientMigrations = [CreatePatient1764100000000, RecordDeletion1764900000000];
