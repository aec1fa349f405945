import { defineSubgraph } from '@holovitals/subgraph-kit';
import { createAnalysisServices } from './analysis-services';
import { analysisConfig } from './config';
import { analysisEntities, analysisMigrations } from './database-schema';
import { entitlementProjectionHandlers } from './entitlements/entitlement-projection';
import { AnalysisTaskUpdateResolver } from './live/analysis-task-update';
import { analysisTaskReference } from './references/analysis-task.reference';
import { mapAnalysisError } from './resolvers/analysis-error-mapping';
import { AnalysisQueueResolver } from './resolvers/analysis-queue.resolver';
import { AnalysisTaskResolver } from './resolvers/analysis-task.resolver';
import { DeidentifyResolver } from './resolvers/deidentify.resolver';
import { MissingPiecesResolver } from './resolvers/missing-pieces.resolver';
import { PatientMissingPiecesResolver } from './resolvers/patient-missing-pieces.resolver';
import { resolvePatientReference } from './references/patient.reference';
import { PatientReference } from './resolvers/types/patient.type';

export const analysisSubgraph = defineSubgraph({
  name: 'analysis',
  config: analysisConfig,
  resolvers: [
    AnalysisTaskResolver,
    MissingPiecesResolver,
    PatientMissingPiecesResolver,
    AnalysisQueueResolver,
    AnalysisTaskUpdateResolver,
    DeidentifyResolver,
  ],
  orphanedTypes: [PatientReference],
  mapError: mapAnalysisError,
  references: { AnalysisTask: analysisTaskReference, Patient: resolvePatientReference },
  entities: analysisEntities,
  migrations: analysisMigrations,
  services: createAnalysisServices,
  closeServices: (services) => services.producer.close(),
  eventHandlers: () => entitlementProjectionHandlers(),
});
