import { consentProjectionHandlers, patientOwnerHandlers } from '@holovitals/consent-projection';
import { defineSubgraph } from '@holovitals/subgraph-kit';
import { documentsConfig } from './config';
import { createDocumentsServices } from './documents-services';
import { documentsEntities, documentsMigrations } from './database-schema';
import { documentUploadedHandler } from './events/document-uploaded.handler';
import { DocumentProcessingUpdateResolver } from './live/document-processing-update';
import { documentReference, extractionReference } from './references/document.reference';
import { DocumentResolver } from './resolvers/document.resolver';
import { DocumentPageResolver } from './resolvers/document-page.resolver';
import { DocumentSearchResolver } from './resolvers/document-search.resolver';
import { mapDocumentsError } from './resolvers/documents-error-mapping';
import { ExtractionResolver } from './resolvers/extraction.resolver';
import { documentFileRoutes } from './storage/file-routes';

export const documentsSubgraph = defineSubgraph({
  name: 'documents',
  config: documentsConfig,
  resolvers: [
    DocumentResolver,
    DocumentPageResolver,
    ExtractionResolver,
    DocumentSearchResolver,
    DocumentProcessingUpdateResolver,
  ],
  mapError: mapDocumentsError,
  references: { Document: documentReference, Extraction: extractionReference },
  entities: documentsEntities,
  migrations: documentsMigrations,
  services: createDocumentsServices,
  closeServices: (services) => services.producer.close(),
  eventHandlers: (_runtime, services) => ({
    ...patientOwnerHandlers,
    ...consentProjectionHandlers('documents'),
    ...documentUploadedHandler(services.producer),
  }),
  routes: documentFileRoutes,
});
