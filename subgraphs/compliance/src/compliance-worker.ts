import { databaseSettings } from '@holovitals/config';
import { closeDatabase, initDatabase, type Database } from '@holovitals/subgraph-kit';
import { defineWorker, processQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';
import { rightsDeadlineQueue } from './rights/rights-deadline-queue';
import { notifyLapsingRightsRequests } from './rights/rights-deadlines';
import { complianceSubgraph } from './subgraph';

/**
 * compliance-worker: the scheduled jobs of the compliance subgraph. Its events go into compliance's outbox,
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
  },
  services: async ({ config }): Promise<Database> =>
    initDatabase(
      { url: config.DATABASE_URL, entities: complianceSubgraph.entities, migrations: [], poolSize: 2 },
      false,
    ),
  closeServices: closeDatabase,
  readiness: (database) => ({
    database: async () => (await database.dataSource.query('SELECT 1')).length === 1,
  }),
  processors: ({ config }, database) => [
    processQueue({
      queue: rightsDeadlineQueue,
      repeat: { everyMs: config.RIGHTS_DEADLINE_SCAN_EVERY_MS, data: {} },
      process: () =>
        notifyLapsingRightsRequests(database.dataSource, complianceSubgraph.name, {
          warningDays: config.RIGHTS_DEADLINE_WARNING_DAYS,
        }),
    }),
  ],
});
