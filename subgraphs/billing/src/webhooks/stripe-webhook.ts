import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import { recordInvoice, recordRefund } from '../invoices/invoice-sync';
import { recordPaymentIntent } from '../payments/payment-intent-sync';
import { applyStripeSubscription, type SyncContext } from '../subscriptions/subscription-sync';

export interface WebhookDependencies {
  stripe: Stripe;
  dataSource: DataSource;
  webhookSecret: string;
  toleranceSeconds: number;
  graceDays: number;
  now?: () => Date;
}

export type WebhookOutcome =
  | { status: 400; result: 'invalid_signature'; message: string }
  | { status: 200; result: 'duplicate' | 'processed' | 'ignored'; eventId: string };

function stripeId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

/** The subscription an event concerns, whatever object it carries; null for events billing does not act on. */
function subscriptionIdOf(event: Stripe.Event): string | null {
  if (event.type === 'checkout.session.completed') return stripeId(event.data.object.subscription);
  if (SUBSCRIPTION_EVENTS.has(event.type)) return (event.data.object as Stripe.Subscription).id;
  if (event.type === 'invoice.paid' || event.type === 'invoice.payment_failed')
    return stripeId(event.data.object.parent?.subscription_details?.subscription);
  return null;
}

/** Marks the event processed; false when it already was (a replay or Stripe's redelivery). */
async function firstDelivery(manager: EntityManager, event: Stripe.Event): Promise<boolean> {
  const inserted = (await manager.query(
    `INSERT INTO billing_processed_webhook_event (stripe_event_id, type) VALUES ($1, $2)
     ON CONFLICT (stripe_event_id) DO NOTHING RETURNING stripe_event_id`,
    [event.id, event.type],
  )) as unknown[];
  return inserted.length === 1;
}

/**
 * One Stripe webhook delivery. The signature is checked over the raw body with the endpoint secret and a
 * timestamp tolerance (forged or stale deliveries change nothing). The state is then read back from the API
 * (subscription, invoice, charge) rather than trusted from the payload, so late, duplicate and out-of-order
 * deliveries converge; the event id is recorded in the same transaction, so each event applies once. A failure
 * answers 500 and Stripe retries.
 */
export async function handleStripeWebhook(
  deps: WebhookDependencies,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookOutcome> {
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(
      rawBody,
      signature ?? '',
      deps.webhookSecret,
      deps.toleranceSeconds,
    );
  } catch (error) {
    return { status: 400, result: 'invalid_signature', message: (error as Error).message };
  }
  const now = deps.now?.() ?? new Date();
  const context: SyncContext = {
    now,
    graceDays: deps.graceDays,
    reason: event.type,
    stripeEventId: event.id,
  };
  const subscriptionId = subscriptionIdOf(event);
  const subscription = subscriptionId ? await deps.stripe.subscriptions.retrieve(subscriptionId) : null;
  const invoice =
    event.type === 'invoice.paid' || event.type === 'invoice.payment_failed'
      ? await deps.stripe.invoices.retrieve(event.data.object.id ?? '')
      : null;
  const charge =
    event.type === 'charge.refunded' ? await deps.stripe.charges.retrieve(event.data.object.id) : null;
  const paymentIntent =
    event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed'
      ? await deps.stripe.paymentIntents.retrieve(event.data.object.id)
      : null;

  const refunded = await deps.dataSource.transaction(async (manager) => {
    if (!(await firstDelivery(manager, event))) return 'duplicate' as const;
    if (subscription) await applyStripeSubscription(manager, subscription, context);
    if (invoice && subscription) await recordInvoice(manager, invoice, subscription);
    if (charge) return recordRefund(manager, charge);
    if (paymentIntent)
      return (await recordPaymentIntent(manager, paymentIntent))
        ? ('processed' as const)
        : ('ignored' as const);
    return subscription ? ('processed' as const) : ('ignored' as const);
  });
  if (refunded === 'duplicate' || refunded === 'processed' || refunded === 'ignored')
    return { status: 200, result: refunded, eventId: event.id };
  // A full refund ends the subscription now: nothing stays unlocked that was paid back.
  if (refunded?.fullyRefunded) {
    const current = await deps.stripe.subscriptions.retrieve(refunded.stripeSubscriptionId);
    const ended =
      current.status === 'canceled' ? current : await deps.stripe.subscriptions.cancel(current.id);
    await deps.dataSource.transaction((manager) =>
      applyStripeSubscription(manager, ended, { ...context, reason: 'refunded' }),
    );
  }
  return { status: 200, result: refunded ? 'processed' : 'ignored', eventId: event.id };
}
