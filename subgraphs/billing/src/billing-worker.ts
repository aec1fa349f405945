import { databaseSettings } from '@holovitals/config';
import { closeDatabase, type Database, initDatabase } from '@holovitals/subgraph-kit';
import { defineWorker, processQueue } from '@holovitals/worker-runtime';
import { graceSweepSettings } from './config';
import { graceSweepQueue } from './subscriptions/grace-sweep-queue';
import { applyDueDowngrades, lockExpiredGracePeriods } from './subscriptions/subscription-sync';
import { billingSubgraph } from './subgraph';

/**
 * billing-worker: billing's scheduled jobs (the grace sweep, which also applies downgrades due at their period's
 * end). One repeatable job however many workers run; its entitlements events go into billing's outbox, which the
 * billing API process relays (signed as billing).
 */
export const billingWorker = defineWorker({
  name: 'billing-worker',
  defaultPort: 4107,
  config: { ...databaseSettings, ...graceSweepSettings },
  services: async ({ config }): Promise<Database> =>
    initDatabase(
      { url: config.DATABASE_URL, entities: billingSubgraph.entities, migrations: [], poolSize: 2 },
      false,
    ),
  closeServices: closeDatabase,
  reportErrorsTo: (database) => ({ service: billingSubgraph.name, dataSource: database.dataSource }),
  readiness: (database) => ({
    database: async () => (await database.dataSource.query('SELECT 1')).length === 1,
  }),
  processors: ({ config, logger }, database) => [
    processQueue({
      queue: graceSweepQueue,
      repeat: { everyMs: config.BILLING_GRACE_SWEEP_MS, data: {} },
      process: async () => {
        const now = new Date();
        const locked = await database.dataSource.transaction((manager) =>
          lockExpiredGracePeriods(manager, now, config.BILLING_GRACE_DAYS),
        );
        if (locked > 0) logger.info({ locked }, 'grace periods ended; subscriptions locked');
        const downgraded = await database.dataSource.transaction((manager) =>
          applyDueDowngrades(manager, now, config.BILLING_GRACE_DAYS),
        );
        if (downgraded > 0) logger.info({ downgraded }, 'periods ended; scheduled downgrades applied');
        return { locked, downgraded };
      },
    }),
  ],
});
