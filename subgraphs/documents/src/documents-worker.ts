import { databaseSettings } from '@holovitals/config';
import { modelClientOptions } from '@holovitals/model-client';
import { defineWorker, processQueue } from '@holovitals/worker-runtime';
import { createChangePublisher } from '@holovitals/live-changes';
import { closeDatabase, initDatabase } from '@holovitals/subgraph-kit';
import { Redis } from 'ioredis';
import { documentsConfig } from './config';
import { documentsEntities, documentsMigrations } from './database-schema';
import { documentStore } from './documents-services';
import { processDocumentQueue, purgeDocumentQueue } from './pipeline/document-queue';
import { OcrEngine } from './pipeline/ocr-engine';
import { processDocument, purgeDocument } from './pipeline/process-document';

/** The documents worker: processing runs (text, OCR, extraction) and purges of deleted files. */
export const documentsWorker = defineWorker({
  name: 'documents-worker',
  defaultPort: 4108,
  config: { ...documentsConfig, ...databaseSettings },
  services: async ({ config }) => {
    // The subgraph owns the migrations; the worker only checks they ran (readiness).
    const database = await initDatabase(
      { url: config.DATABASE_URL, entities: documentsEntities, migrations: documentsMigrations, poolSize: 4 },
      false,
    );
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
    return {
      database,
      redis,
      ocr: new OcrEngine(),
      deps: {
        dataSource: database.dataSource,
        store: documentStore(config),
        changes: createChangePublisher(redis),
        limits: { maxPages: config.DOCUMENT_MAX_PAGES, maxImagePixels: config.DOCUMENT_MAX_IMAGE_PIXELS },
        model: modelClientOptions(config),
      },
    };
  },
  closeServices: async (services) => {
    await services.ocr.stop();
    services.redis.disconnect();
    await closeDatabase(services.database);
  },
  reportErrorsTo: (services) => ({ service: 'documents', dataSource: services.database.dataSource }),
  readiness: (services) => ({
    database: async () => (await services.database.dataSource.query('SELECT 1')).length === 1,
  }),
  processors: (_runtime, services) => [
    processQueue({
      queue: processDocumentQueue,
      concurrency: 1,
      process: (job) =>
        processDocument(
          { ...services.deps, ocr: services.ocr },
          job,
          job.attempt >= processDocumentQueue.attempts,
        ),
    }),
    processQueue({
      queue: purgeDocumentQueue,
      concurrency: 2,
      process: (job) => purgeDocument(services.deps, job),
    }),
  ],
});
