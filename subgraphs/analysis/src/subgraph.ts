import { consentProjectionHandlers, patientOwnerHandlers } from '@holovitals/consent-projection';
import { defineSubgraph } from '@holovitals/subgraph-kit';
import { createAnalysisServices } from './analysis-services';
import { analysisConfig } from './config';
import { analysisEntities, analysisMigrations } from './database-schema';
import { entitlementProjectionHandlers } from './entitlements/entitlement-projection';
import { AnalysisTaskUpdateResolver } from './live/analysis-task-update';
import { analysisTaskReference } from './references/analysis-task.reference';
import { AIInteractionResolver } from './resolvers/ai-interaction.resolver';
import { mapAnalysisError } from './resolvers/analysis-error-mapping';
import { AnalysisQueueResolver } from './resolvers/analysis-queue.resolver';
import { AnalysisSessionResolver } from './resolvers/analysis-session.resolver';
import { AnalysisTaskResolver } from './resolvers/analysis-task.resolver';
import { ContextEntryResolver } from './resolvers/context-entry.resolver';
import { DeidentifyResolver } from './resolvers/deidentify.resolver';
import { MissingPiecesResolver } from './resolvers/missing-pieces.resolver';
import { PatientMissingPiecesResolver } from './resolvers/patient-missing-pieces.resolver';
import { PromptTemplateResolver } from './resolvers/prompt-template.resolver';
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
    ContextEntryResolver,
    AnalysisSessionResolver,
    AIInteractionResolver,
    PromptTemplateResolver,
  ],
  orphanedTypes: [PatientReference],
  mapError: mapAnalysisError,
  references: { AnalysisTask: analysisTaskReference, Patient: resolvePatientReference },
  entities: analysisEntities,
  migrations: analysisMigrations,
  services: createAnalysisServices,
  closeServices: (services) => services.producer.close(),
  // The local access projection (READ_ANALYSES grantees read the patient's tasks, results and chat sessions) and
  // billing's entitlements (paid analyses need credit).
  eventHandlers: () => ({
    ...patientOwnerHandlers,
    ...consentProjectionHandlers('analysis'),
    ...entitlementProjectionHandlers(),
  }),
});
