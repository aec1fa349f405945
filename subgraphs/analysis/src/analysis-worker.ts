import { createChangePublisher } from '@holovitals/live-changes';
import { closeDatabase, initDatabase, jobSystemActor } from '@holovitals/subgraph-kit';
import { defineWorker, processQueue } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AnalyzerRegistry } from './analyzers/analyzer-registry';
import { configuredAnalyzers } from './analyzers/configured-analyzers';
import { type AnalysisSharedConfig, analysisWorkerConfig } from './config';
import { contextCipher } from './context/context-cipher';
import { sweepContexts } from './context/context-sweep';
import { analysisEntities, analysisMigrations } from './database-schema';
import { analysisQueue, contextExpiryQueue } from './tasks/analysis-queue';
import { processAnalysisTask } from './tasks/task-processing';

/** The analysis service name: events and audit entries from the worker speak for the analysis subgraph. */
const SERVICE = 'analysis';

/**
 * Builds the analysis worker around an analyzer registry: by default the model analyzer when MODEL_BASE_URL
 * is set, else the rule analyzer.
 */
export function createAnalysisWorker(
  analyzers: (config: AnalysisSharedConfig, dataSource: DataSource) => AnalyzerRegistry = configuredAnalyzers,
) {
  return defineWorker({
    name: 'analysis-worker',
    defaultPort: 4104,
    config: analysisWorkerConfig,
    services: async ({ config }) => {
      // The subgraph owns the migrations; the worker only checks they ran (readiness).
      const database = await initDatabase(
        { url: config.DATABASE_URL, entities: analysisEntities, migrations: analysisMigrations, poolSize: 4 },
        false,
      );
      const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
      return {
        database,
        redis,
        deps: {
          dataSource: database.dataSource,
          cipher: contextCipher(config),
          analyzers: analyzers(config, database.dataSource),
          changes: createChangePublisher(redis),
          service: SERVICE,
        },
      };
    },
    closeServices: async (services) => {
      services.redis.disconnect();
      await closeDatabase(services.database);
    },
    reportErrorsTo: (services) => ({ service: SERVICE, dataSource: services.database.dataSource }),
    readiness: (services) => ({
      database: async () => (await services.database.dataSource.query('SELECT 1')).length === 1,
    }),
    processors: ({ config }, services) => {
      const queue = analysisQueue(config);
      return [
        processQueue({
          queue,
          concurrency: config.ANALYSIS_WORKER_CONCURRENCY,
          process: (job) => processAnalysisTask(services.deps, job, job.attempt >= queue.attempts),
        }),
        processQueue({
          queue: contextExpiryQueue,
          repeat: { everyMs: config.ANALYSIS_CONTEXT_SWEEP_MS, data: {} },
          process: (job) =>
            sweepContexts(
              services.deps.dataSource,
              services.redis,
              {
                retentionSeconds: config.ANALYSIS_CONTEXT_RETENTION_SECONDS,
                halfLifeDays: config.ANALYSIS_CONTEXT_HALF_LIFE_DAYS,
              },
              jobSystemActor(SERVICE, job),
            ),
        }),
      ];
    },
  });
}

/** The analysis worker as deployed: the model analyzer when a model is configured, else rules. */
export const analysisWorker = createAnalysisWorker();
