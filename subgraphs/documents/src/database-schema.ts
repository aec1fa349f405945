import { workerMigrations } from '@holovitals/worker-runtime';
import { DocumentPageEntity } from './entities/document-page.entity';
import { DocumentEntity } from './entities/document.entity';
import { ExtractionEntity } from './entities/extraction.entity';
import { CreateDocuments1765000000000 } from './migrations/1765000000000-create-documents';
import { PageImages1765100000000 } from './migrations/1765100000000-page-images';
import { ClinicalExtractions1765100000001 } from './migrations/1765100000001-clinical-extractions';
import { ExtractionMethod1766100000000 } from './migrations/1766100000000-extraction-method';

/** The documents database, shared by the subgraph (which migrates it) and its worker. */
export const documentsEntities = [DocumentEntity, DocumentPageEntity, ExtractionEntity];
export const documentsMigrations = [
  ...workerMigrations,
  CreateDocuments1765000000000,
  PageImages1765100000000,
  ClinicalExtractions1765100000001,
  ExtractionMethod1766100000000,
];
