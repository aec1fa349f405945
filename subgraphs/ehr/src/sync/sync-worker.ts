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
import { ProviderSyncSlots } from './provider-sync-slots';
import { processSyncJob } from './sync-job';
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
  /** Fetch through FHIR Bulk Data `$export` where a provider advertises it; false always searches. */
  EHR_BULK_EXPORT: booleanFlag.default(true),
  /** Wait before the first export status request, and between them when the provider sends no Retry-After. */
  EHR_BULK_POLL_MS: z.coerce.number().int().min(0).default(2_000),
  /** Longest an export may take from kick-off to manifest (below the job's 15 min timeout). */
  EHR_BULK_MAX_WAIT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(14 * 60_000)
    .default(10 * 60_000),
  /** Syncs of one provider running at once across all ehr-worker processes; more wait, QUEUED. */
  EHR_PROVIDER_SYNC_LIMIT: z.coerce.number().int().min(1).default(2),
  /** How long a provider slot is held without renewal (a dead worker's slot frees after this). */
  EHR_PROVIDER_SLOT_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** How long a run waits (jittered) before asking again for a slot of a provider at its limit. */
  EHR_PROVIDER_SLOT_WAIT_MS: z.coerce.number().int().min(10).default(5_000),
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
  reportErrorsTo: (services) => ({ service: 'ehr', dataSource: services.database.dataSource }),
  readiness: (services) => ({
    database: async () => (await services.database.dataSource.query('SELECT 1')).length === 1,
    providerSlots: async () => (await services.redis.ping()) === 'PONG',
  }),
  processors: ({ config }, services) => [
    processQueue({
      queue: ehrSyncQueue,
      concurrency: config.EHR_SYNC_CONCURRENCY,
      process: (job) =>
        processSyncJob(
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
              bulkExport: config.EHR_BULK_EXPORT
                ? { pollIntervalMs: config.EHR_BULK_POLL_MS, maxWaitMs: config.EHR_BULK_MAX_WAIT_MS }
                : null,
            },
            signal: job.signal,
            slots: new ProviderSyncSlots(services.redis, {
              prefix: config.QUEUE_PREFIX,
              limit: config.EHR_PROVIDER_SYNC_LIMIT,
              leaseMs: config.EHR_PROVIDER_SLOT_LEASE_MS,
            }),
            queue: services.syncQueue,
            slotWaitMs: config.EHR_PROVIDER_SLOT_WAIT_MS,
            progress: services.progress,
          },
          { runId: job.data.runId, deferrals: job.data.deferrals ?? 0 },
        ),
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
