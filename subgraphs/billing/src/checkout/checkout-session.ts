import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { SubscriptionStatus } from '../entities/subscription-status';
import { type BillingInterval, PlanId, priceLookupKey } from '../plans/plan-catalog';
import type { PriceIds } from '../plans/plan-sync';
import { latestSubscription } from '../subscriptions/entitlements';
import { ensureCustomer, lockUserBilling, requireCustomer } from './billing-customer';

export interface CheckoutDependencies {
  stripe: Stripe;
  dataSource: DataSource;
  priceIds: PriceIds;
  appOrigin: string;
}

/**
 * A Stripe Checkout session for a plan: the user pays on Stripe's page and comes back to /billing. Asking again
 * for the same plan while a session is still open returns that session (a double click, a second tab), so one
 * user never holds two payable sessions for one plan. Free needs no checkout; a user with a live subscription
 * changes plan in the portal.
 */
export async function createCheckoutSession(
  deps: CheckoutDependencies,
  input: { userId: string; plan: PlanId; interval: BillingInterval },
): Promise<{ id: string; url: string }> {
  if (input.plan === PlanId.FREE)
    throw new BillingError(BillingErrorCode.FREE_PLAN_NEEDS_NO_CHECKOUT, 'The Free plan needs no checkout.');
  const priceId = deps.priceIds.get(priceLookupKey(input.plan, input.interval));
  if (!priceId) throw new Error(`No Stripe price synced for ${input.plan} ${input.interval}`);
  return deps.dataSource.transaction(async (manager) => {
    await lockUserBilling(manager, input.userId);
    const current = await latestSubscription(manager, input.userId);
    if (current && current.status !== SubscriptionStatus.CANCELED)
      throw new BillingError(
        BillingErrorCode.ALREADY_SUBSCRIBED,
        `You already have the ${current.plan} plan; change or cancel it in the billing portal.`,
      );
    const customer = await ensureCustomer(manager, deps.stripe, input.userId);
    const open = (await manager.query(
      `SELECT stripe_session_id FROM billing_checkout_session
       WHERE user_id = $1 AND plan = $2 AND interval = $3 AND expires_at > now()
       ORDER BY created_at DESC LIMIT 1`,
      [input.userId, input.plan, input.interval],
    )) as { stripe_session_id: string }[];
    if (open[0]) {
      const session = await deps.stripe.checkout.sessions.retrieve(open[0].stripe_session_id);
      if (session.status === 'open' && session.url) return { id: session.id, url: session.url };
    }
    const session = await deps.stripe.checkout.sessions.create(
      {
        mode: 'subscription',
        customer,
        client_reference_id: input.userId,
        line_items: [{ price: priceId, quantity: 1 }],
        success_url: `${deps.appOrigin}/billing?checkout=success&session={CHECKOUT_SESSION_ID}`,
        cancel_url: `${deps.appOrigin}/billing?checkout=canceled`,
        subscription_data: { metadata: { userId: input.userId, plan: input.plan } },
        metadata: { userId: input.userId, plan: input.plan, interval: input.interval },
      },
      { idempotencyKey: `holovitals-checkout-${randomUUID()}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    await manager.query(
      `INSERT INTO billing_checkout_session (user_id, plan, interval, stripe_session_id, url, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        input.userId,
        input.plan,
        input.interval,
        session.id,
        session.url,
        new Date(session.expires_at * 1000),
      ],
    );
    return { id: session.id, url: session.url };
  });
}

/** A Stripe customer portal session (cards, invoices, cancel), returning to /billing. */
export async function createPortalSession(
  deps: Pick<CheckoutDependencies, 'stripe' | 'dataSource' | 'appOrigin'>,
  userId: string,
): Promise<{ url: string }> {
  const customer = await requireCustomer(deps.dataSource, userId);
  const session = await deps.stripe.billingPortal.sessions.create({
    customer,
    return_url: `${deps.appOrigin}/billing`,
  });
  return { url: session.url };
}
