import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type Stripe from 'stripe';
import type { BillingConfig } from './config';
import { type PriceIds, syncPlansToStripe } from './plans/plan-sync';
import { createStripeClient } from './stripe/stripe-client';

export interface BillingServices {
  config: BillingConfig;
  stripe: Stripe;
  priceIds: PriceIds;
}

/**
 * Connects to Stripe and syncs the plan catalog there (idempotent). Expired grace periods are locked by
 * billing-worker's repeatable job, not here.
 */
export async function createBillingServices(
  runtime: SubgraphRuntime<BillingConfig>,
): Promise<BillingServices> {
  const { config, logger } = runtime;
  const stripe = createStripeClient(config);
  const priceIds = await syncPlansToStripe(stripe);
  logger.info({ prices: priceIds.size }, 'plan catalog synced to Stripe');
  return { config, stripe, priceIds };
}
