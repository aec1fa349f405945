import Stripe from 'stripe';
import type { BillingConfig } from '../config';

/**
 * The official SDK, pointed at STRIPE_API_URL when set (the local stripe-server speaks the same protocol),
 * else at api.stripe.com. Two retries with the SDK's idempotency keys make a dropped connection safe.
 */
export function createStripeClient(
  config: Pick<BillingConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL'>,
): Stripe {
  const api = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    appInfo: { name: 'HoloVitals billing' },
    ...(api
      ? {
          host: api.hostname,
          port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
          protocol: api.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}
