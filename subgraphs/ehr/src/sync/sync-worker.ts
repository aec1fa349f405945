import { blobStorageConfigShape, createBlobStore } from '@holovitals/blob-store';
import { booleanFlag, closeDatabase, initDatabase, jobSystemActor } from '@holovitals/subgraph-kit';
import { defineWorker, processQueue, QueueProducer } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createChangePublisher } from '@holovitals/live-changes';
import { ehrConfig } from '../config';
import { syncProgressRecorder } from '../live/sync-progress-recorder';
import { ehrCipher } from '../ehr-services';
import { EhrAuthorizationRequestEntity } from '../entities/ehr-authorization-request.entity';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { SyncRunEntity } from '../entities/sync-run.entity';
import { SyncRunStatus } from '../entities/sync-run-enums';
import { runConnectionSync } from './connection-sync';
import { ehrScheduleQueue, ehrSyncQueue } from './sync-queue';
import { enqueueDueSyncs } from './sync-schedule';

const entities = [EhrProviderEntity, EhrAuthorizationRequestEntity, EhrConnectionEntity, SyncRunEntity];

export const ehrSyncWorkerConfig = {
  DATABASE_URL: z.string().url(),
  KEY_ENCRYPTION_SECRET: ehrConfig.KEY_ENCRYPTION_SECRET,
  ENCRYPTION_KEYS: ehrConfig.ENCRYPTION_KEYS,
  ENCRYPTION_ACTIVE_KEY_ID: ehrConfig.ENCRYPTION_ACTIVE_KEY_ID,
  ...blobStorageConfigShape,
  /** Syncs one worker process runs at once. */
  EHR_SYNC_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  /** `_count` asked of each search page. */
  EHR_SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** Tries per page on 429/5xx before the run fails. */
  EHR_SYNC_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(4),
  EHR_SYNC_RETRY_BASE_MS: z.coerce.number().int().min(0).default(500),
  /** Longest wait between tries, also the cap on a provider's Retry-After. */
  EHR_SYNC_RETRY_MAX_MS: z.coerce.number().int().min(0).default(30_000),
  /** Sync every active connection once a day, each at its own time of day. */
  EHR_DAILY_SYNC: booleanFlag.default(true),
  /** How often the daily schedule is checked; a connection's sync starts at most this long after its slot. */
  EHR_SCHEDULE_SCAN_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(15 * 60_000),
};

/**
 * The ehr sync worker: takes `ehr.sync` jobs (one per SyncRun) and runs them against the provider. The run row is
 * the truth: a job retried by bull after a crash picks the run up again; a run already finished is left alone.
 */
export const ehrSyncWorker = defineWorker({
  name: 'ehr-worker',
  defaultPort: 4106,
  config: ehrSyncWorkerConfig,
  services: async ({ config, logger }) => {
    const database = await initDatabase({ url: config.DATABASE_URL, entities, migrations: [] }, false);
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
    return {
      database,
      redis,
      cipher: ehrCipher(config),
      blobStore: createBlobStore(config),
      syncQueue: new QueueProducer({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
      progress: syncProgressRecorder(database.dataSource, createChangePublisher(redis), logger),
    };
  },
  closeServices: async (services) => {
    await services.syncQueue.close();
    services.redis.disconnect();
    await closeDatabase(services.database);
  },
  readiness: (services) => ({
    database: async () => (await services.database.dataSource.query('SELECT 1')).length === 1,
  }),
  processors: ({ config }, services) => [
    processQueue({
      queue: ehrSyncQueue,
      concurrency: config.EHR_SYNC_CONCURRENCY,
      process: async (job) => {
        const run = await runConnectionSync(
          {
            dataSource: services.database.dataSource,
            cipher: services.cipher,
            blobStore: services.blobStore,
            actor: jobSystemActor('ehr', { queue: job.queue, id: job.id }),
            settings: {
              pageSize: config.EHR_SYNC_PAGE_SIZE,
              maxAttempts: config.EHR_SYNC_MAX_ATTEMPTS,
              baseDelayMs: config.EHR_SYNC_RETRY_BASE_MS,
              maxDelayMs: config.EHR_SYNC_RETRY_MAX_MS,
              maxBlobBytes: config.BLOB_MAX_BYTES,
            },
            signal: job.signal,
            progress: services.progress,
          },
          job.data.runId,
        );
        return { runId: job.data.runId, status: run?.status ?? SyncRunStatus.FAILED };
      },
    }),
    ...(config.EHR_DAILY_SYNC
      ? [
          processQueue({
            queue: ehrScheduleQueue,
            repeat: { everyMs: config.EHR_SCHEDULE_SCAN_EVERY_MS, data: {} },
            process: async () => ({
              enqueued: await enqueueDueSyncs(services.database.dataSource, services.syncQueue, new Date()),
            }),
          }),
        ]
      : []),
  ],
});
