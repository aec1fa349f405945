import { defineSubgraph } from '@holovitals/subgraph-kit';
import { standardsConfig } from './config';
import { CodeConceptEntity } from './entities/code-concept.entity';
import { standardsMigrations } from './migrations/standards-migrations';
import { resolveCodeConceptReference } from './references/code-concept.reference';
import { mapStandardsError } from './resolvers/standards-error-mapping';
import { CodeConceptResolver } from './resolvers/code-concept.resolver';
import { LabStandardizationResolver } from './resolvers/lab-standardization.resolver';
import { ExtractionResolver, ObservationResolver } from './resolvers/observation.resolver';
import { ExtractionReference } from './resolvers/types/extraction.type';
import { ObservationReference } from './resolvers/types/observation.type';
import { UnitResolver } from './resolvers/unit.resolver';
import { createStandardsServices } from './services/standards-services';

export const standardsSubgraph = defineSubgraph({
  name: 'standards',
  config: standardsConfig,
  resolvers: [
    CodeConceptResolver,
    LabStandardizationResolver,
    UnitResolver,
    ObservationResolver,
    ExtractionResolver,
  ],
  orphanedTypes: [ObservationReference, ExtractionReference],
  mapError: mapStandardsError,
  references: {
    CodeConcept: resolveCodeConceptReference,
    // The representation carries every @requires field, so it already is the observation `standardized` needs.
    Observation: (reference) => reference,
    Extraction: (reference) => reference,
  },
  entities: [CodeConceptEntity],
  migrations: standardsMigrations,
  services: createStandardsServices,
});
