import { PollingLoop } from '@holovitals/events';
import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type Stripe from 'stripe';
import type { BillingConfig } from './config';
import { type PriceIds, syncPlansToStripe } from './plans/plan-sync';
import { createStripeClient } from './stripe/stripe-client';
import { lockExpiredGracePeriods } from './subscriptions/subscription-sync';

export interface BillingServices {
  config: BillingConfig;
  stripe: Stripe;
  priceIds: PriceIds;
  /** Locks subscriptions whose grace period ended, every BILLING_GRACE_SWEEP_MS. */
  graceSweep: PollingLoop;
}

/** Connects to Stripe, syncs the plan catalog there (idempotent) and starts the grace-period sweep. */
export async function createBillingServices(
  runtime: SubgraphRuntime<BillingConfig>,
): Promise<BillingServices> {
  const { config, dataSource, logger } = runtime;
  const stripe = createStripeClient(config);
  const priceIds = await syncPlansToStripe(stripe);
  logger.info({ prices: priceIds.size }, 'plan catalog synced to Stripe');
  const graceSweep = new PollingLoop({
    name: 'billing-grace-sweep',
    logger,
    idleDelayMs: config.BILLING_GRACE_SWEEP_MS,
    poll: async () => {
      const locked = await dataSource.transaction((manager) =>
        lockExpiredGracePeriods(manager, new Date(), config.BILLING_GRACE_DAYS),
      );
      if (locked > 0) logger.info({ locked }, 'grace periods ended; subscriptions locked');
      return 'idle';
    },
  });
  graceSweep.start();
  return { config, stripe, priceIds, graceSweep };
}
