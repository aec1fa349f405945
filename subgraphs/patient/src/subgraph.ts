import { consentProjectionHandlers } from '@holovitals/consent-projection';
import { defineSubgraph } from '@holovitals/subgraph-kit';
import { stepUpProjectionHandlers } from './access/step-up';
import { patientConfig } from './config';
import { patientEntities, patientMigrations } from './database-schema';
import { documentProcessedHandler } from './events/document-processed.handler';
import { ehrSyncHandlers } from './events/ehr-sync.handlers';
import { createPatientServices } from './patient-services';
import { resolvePatientReference } from './references/patient.reference';
import { recordReference } from './references/record.reference';
import { FhirBundleResolver } from './resolvers/fhir-bundle.resolver';
import { recordMutationResolvers } from './resolvers/record-mutation-resolvers';
import { PatientRecordsResolver, recordListResolvers } from './resolvers/patient-records.resolver';
import { recordTypeEntries } from './records/record-types';
import { PatientResolver } from './resolvers/patient.resolver';
import { UserReference } from './entities/user-reference';
import { UserPatientResolver } from './resolvers/user-patient.resolver';
import { PatientRecordChangeResolver } from './live/patient-record-change.resolver';
import { RecordConflictResolver } from './resolvers/record-conflict.resolver';
import { mapPatientError } from './resolvers/patient-error-mapping';

export const patientSubgraph = defineSubgraph({
  name: 'patient',
  config: patientConfig,
  resolvers: [
    PatientResolver,
    PatientRecordsResolver,
    ...recordListResolvers,
    FhirBundleResolver,
    UserPatientResolver,
    ...recordMutationResolvers,
    PatientRecordChangeResolver,
    RecordConflictResolver,
  ],
  // User is only ever reached through the gateway (identity owns it), so no field here returns it.
  orphanedTypes: [UserReference],
  mapError: mapPatientError,
  references: {
    Patient: resolvePatientReference,
    User: (reference) => ({ id: String(reference.id) }),
    ...Object.fromEntries(
      recordTypeEntries().map(([kind, { typeName }]) => [typeName, recordReference(kind, typeName)]),
    ),
    FhirResource: recordReference('fhirResource', 'FhirResource'),
  },
  entities: patientEntities,
  migrations: patientMigrations,
  services: createPatientServices,
  eventHandlers: (runtime, services) => ({
    ...consentProjectionHandlers('patient'),
    ...stepUpProjectionHandlers,
    ...ehrSyncHandlers('patient', services),
    ...documentProcessedHandler('patient', {
      gatewaySecret: runtime.config.GATEWAY_SECRET,
      trustedOrigins: runtime.config.DOCUMENT_BUNDLE_ORIGINS,
      logger: runtime.logger,
      limits: services.fhirImport,
      fetchTimeoutMs: 10_000,
    }),
  }),
});
