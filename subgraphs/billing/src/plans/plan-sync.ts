import type Stripe from 'stripe';
import { BillingInterval, CURRENCY, PLAN_CATALOG, priceLookupKey } from './plan-catalog';

/** Stripe price ids by lookup key, as synced at start. */
export type PriceIds = ReadonlyMap<string, string>;

const STRIPE_INTERVAL = { [BillingInterval.MONTH]: 'month', [BillingInterval.YEAR]: 'year' } as const;

function matches(price: Stripe.Price, amount: number, interval: BillingInterval): boolean {
  return (
    price.active &&
    price.unit_amount === amount &&
    price.currency === CURRENCY &&
    price.recurring?.interval === STRIPE_INTERVAL[interval]
  );
}

/**
 * Makes Stripe's products and prices match PLAN_CATALOG, idempotently: a product per paid plan (id
 * `holovitals_<plan>`), a price per interval found by its lookup key. A price whose amount changed in the
 * catalog gets a new price that takes the lookup key over (Stripe prices are immutable); existing subscribers
 * keep the price they bought.
 */
export async function syncPlansToStripe(stripe: Stripe): Promise<PriceIds> {
  const priceIds = new Map<string, string>();
  const keys = PLAN_CATALOG.flatMap((plan) =>
    plan.prices ? Object.values(BillingInterval).map((interval) => priceLookupKey(plan.id, interval)) : [],
  );
  const existing = await stripe.prices.list({ lookup_keys: keys, active: true, limit: 100 });
  for (const plan of PLAN_CATALOG) {
    if (!plan.prices) continue;
    const productId = `holovitals_${plan.id.toLowerCase()}`;
    const product = await stripe.products.retrieve(productId).catch(async (error: unknown) => {
      if ((error as { code?: string }).code !== 'resource_missing') throw error;
      return stripe.products.create(
        { id: productId, name: `HoloVitals ${plan.name}`, description: plan.description },
        { idempotencyKey: `product-${productId}` },
      );
    });
    for (const interval of Object.values(BillingInterval)) {
      const lookupKey = priceLookupKey(plan.id, interval);
      const amount = plan.prices[interval];
      const found = existing.data.find((price) => price.lookup_key === lookupKey);
      const price =
        found && matches(found, amount, interval)
          ? found
          : await stripe.prices.create(
              {
                product: product.id,
                unit_amount: amount,
                currency: CURRENCY,
                recurring: { interval: STRIPE_INTERVAL[interval] },
                lookup_key: lookupKey,
                transfer_lookup_key: true,
                metadata: { plan: plan.id, interval },
              },
              { idempotencyKey: `price-${lookupKey}-${amount}` },
            );
      priceIds.set(lookupKey, price.id);
    }
  }
  return priceIds;
}
