import { ConsentProjectionEntity } from './entities/consent-projection.entity';
import { FhirResourceEntity } from './entities/fhir-resource.entity';
import { RecordConflictEntity } from './entities/record-conflict.entity';
import { PatientEntity } from './entities/patient.entity';
import { RECORD_TYPES } from './records/record-types';
import { CreatePatient1764100000000 } from './migrations/1764100000000-create-patient';
import { RecordDeletion1764900000000 } from './migrations/1764900000000-record-deletion';
import { SyncedRecordIdentity1765300000000 } from './migrations/1765300000000-synced-record-identity';
import { StepUpProjection1765300200000 } from './migrations/1765300200000-step-up-projection';

/** The patient subgraph's TypeORM entities, for the subgraph definition, tests and the bench. */
export const patientEntities = [
  PatientEntity,
  ...Object.values(RECORD_TYPES).map((spec) => spec.entity),
  FhirResourceEntity,
  ConsentProjectionEntity,
  RecordConflictEntity,
];

/** Its migrations, oldest first. */
export const patientMigrations = [
  CreatePatient1764100000000,
  RecordDeletion1764900000000,
  SyncedRecordIdentity1765300000000,
  StepUpProjection1765300200000,
];
