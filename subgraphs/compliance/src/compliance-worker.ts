import { databaseSettings } from '@holovitals/config';
import { closeDatabase, initDatabase, type Database } from '@holovitals/subgraph-kit';
import { defineWorker, processQueue } from '@holovitals/worker-runtime';
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { createAuditCheckpoint } from './audit/audit-checkpointing';
import { checkpointKeyId, checkpointSigner } from './audit/checkpoint-signing';
import { retentionSettings } from './config';
import { purgeExpiredAuditEntries } from './retention/audit-purge';
import { auditCheckpointQueue, auditPurgeQueue } from './retention/retention-queues';
import { rightsDeadlineQueue } from './rights/rights-deadline-queue';
import { notifyLapsingRightsRequests } from './rights/rights-deadlines';
import { complianceSubgraph } from './subgraph';

/**
 * compliance-worker: the scheduled jobs of the compliance subgraph (rights request deadlines, audit checkpoints,
 * retention purge). Its events go into compliance's outbox,
 * which the compliance API process relays (signed as compliance) like its own.
 */
export const complianceWorker = defineWorker({
  name: 'compliance-worker',
  defaultPort: 4105,
  config: {
    ...databaseSettings,
    /** A rights request due within this many days gets its WARNING notice. */
    RIGHTS_DEADLINE_WARNING_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    /** How often the rights request deadlines are scanned. */
    RIGHTS_DEADLINE_SCAN_EVERY_MS: z.coerce.number().int().min(1_000).default(3_600_000),
    ...retentionSettings,
  },
  services: async ({ config }): Promise<Database> =>
    initDatabase(
      { url: config.DATABASE_URL, entities: complianceSubgraph.entities, migrations: [], poolSize: 2 },
      false,
    ),
  closeServices: closeDatabase,
  reportErrorsTo: (database) => ({ service: complianceSubgraph.name, dataSource: database.dataSource }),
  readiness: (database) => ({
    database: async () => (await database.dataSource.query('SELECT 1')).length === 1,
  }),
  processors: ({ config }, database) => {
    const signingKey = config.AUDIT_CHECKPOINT_SIGNING_KEY;
    const signer = checkpointSigner(signingKey);
    // The worker's own key always verifies; retired ones come from AUDIT_CHECKPOINT_PUBLIC_KEYS.
    const verifyKeys = new Map(config.AUDIT_CHECKPOINT_PUBLIC_KEYS);
    verifyKeys.set(checkpointKeyId(createPublicKey(signingKey)), createPublicKey(signingKey));
    return [
      processQueue({
        queue: rightsDeadlineQueue,
        repeat: { everyMs: config.RIGHTS_DEADLINE_SCAN_EVERY_MS, data: {} },
        process: () =>
          notifyLapsingRightsRequests(database.dataSource, complianceSubgraph.name, {
            warningDays: config.RIGHTS_DEADLINE_WARNING_DAYS,
          }),
      }),
      processQueue({
        queue: auditCheckpointQueue,
        repeat: { everyMs: config.AUDIT_CHECKPOINT_EVERY_MS, data: {} },
        process: () =>
          database.dataSource.transaction((manager) =>
            createAuditCheckpoint(manager, signer, verifyKeys, { onlyIfAdvanced: true }),
          ),
      }),
      processQueue({
        queue: auditPurgeQueue,
        repeat: { everyMs: config.AUDIT_PURGE_EVERY_MS, data: {} },
        process: (job) =>
          purgeExpiredAuditEntries(database.dataSource, signer, verifyKeys, {
            auditRetentionDays: config.AUDIT_RETENTION_DAYS,
            accessLogRetentionDays: config.ACCESS_LOG_RETENTION_DAYS,
            job: { queue: job.queue, id: job.id },
          }),
      }),
    ];
  },
});
