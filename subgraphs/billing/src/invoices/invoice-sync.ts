import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { grantCredits, reverseGrant } from '../ledger/credit-ledger';
import { planDefinition, planForLookupKey } from '../plans/plan-catalog';
import { publishEntitlements } from '../subscriptions/entitlements';
import { userForCustomer } from '../subscriptions/subscription-sync';

function stripeId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** The subscription an invoice bills (API versions from basil name it under `parent`). */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  return stripeId(invoice.parent?.subscription_details?.subscription);
}

function invoicePaymentIntent(invoice: Stripe.Invoice): string | null {
  const payment = invoice.payments?.data[0]?.payment;
  return stripeId(payment?.payment_intent);
}

/**
 * Stores an invoice as Stripe currently has it (upsert by Stripe id; the amount refunded only grows) and, once
 * it is paid, grants the period's included credits (once per invoice). Returns the user it belongs to, or null
 * for an invoice that is not HoloVitals'.
 */
export async function recordInvoice(
  manager: EntityManager,
  invoice: Stripe.Invoice,
  subscription: Stripe.Subscription,
): Promise<string | null> {
  const customerId = stripeId(invoice.customer);
  const userId = customerId ? await userForCustomer(manager, customerId) : null;
  const catalog = planForLookupKey(subscription.items.data[0]?.price.lookup_key ?? null);
  if (!userId || !catalog) return null;
  await manager.query(
    `INSERT INTO billing_invoice (stripe_invoice_id, user_id, stripe_subscription_id, plan, number, status,
       amount_due, amount_paid, currency, period_start, period_end, hosted_invoice_url, payment_intent_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (stripe_invoice_id) DO UPDATE SET status = EXCLUDED.status, amount_due = EXCLUDED.amount_due,
       amount_paid = EXCLUDED.amount_paid, hosted_invoice_url = EXCLUDED.hosted_invoice_url,
       payment_intent_id = COALESCE(EXCLUDED.payment_intent_id, billing_invoice.payment_intent_id)`,
    [
      invoice.id,
      userId,
      subscription.id,
      catalog.plan,
      invoice.number,
      invoice.status ?? 'open',
      invoice.amount_due,
      invoice.amount_paid,
      invoice.currency,
      new Date(invoice.period_start * 1000),
      new Date(invoice.period_end * 1000),
      invoice.hosted_invoice_url ?? null,
      invoicePaymentIntent(invoice),
      new Date(invoice.created * 1000),
    ],
  );
  if (invoice.status === 'paid') {
    const included = planDefinition(catalog.plan).includedCreditsCents[catalog.interval];
    // A plan change's invoice tops the running period's credit up to the new plan's; a period's invoice grants it.
    const amountCents =
      invoice.billing_reason === 'subscription_update'
        ? included - (await grantedForOverlappingPeriods(manager, invoice, subscription.id))
        : included;
    const granted = await grantCredits(manager, { userId, amountCents, reference: `grant:${invoice.id}` });
    if (granted) await publishEntitlements(manager, userId);
  }
  return userId;
}

/** Credit already granted by this subscription's other invoices whose periods overlap this invoice's. */
async function grantedForOverlappingPeriods(
  manager: EntityManager,
  invoice: Stripe.Invoice,
  subscriptionId: string,
): Promise<number> {
  const rows = (await manager.query(
    `SELECT COALESCE(SUM(l.amount_cents), 0)::int AS total
     FROM billing_credit_ledger l JOIN billing_invoice i ON l.reference = 'grant:' || i.stripe_invoice_id
     WHERE l.account = 'USER_CREDITS' AND i.stripe_subscription_id = $1 AND i.stripe_invoice_id <> $2
       AND i.period_end > $3 AND i.period_start < $4`,
    [subscriptionId, invoice.id, new Date(invoice.period_start * 1000), new Date(invoice.period_end * 1000)],
  )) as { total: number }[];
  return rows[0]?.total ?? 0;
}

/**
 * Records a refund on the invoice its payment paid and takes back the same share of that invoice's credit grant
 * (a 30% refund takes back 30% of the grant), as far as the credit goes (never below zero). The charge is read
 * from the API, so its `amount_refunded` is the running total: the reversal posted is what that total calls for
 * minus what earlier refunds already took, under a reference naming the total, so a replayed or redelivered event
 * posts nothing. A full refund also ends the subscription (the caller does). Returns null when the charge paid no
 * invoice HoloVitals knows.
 */
export async function recordRefund(
  manager: EntityManager,
  charge: Stripe.Charge,
): Promise<{ userId: string; stripeSubscriptionId: string; fullyRefunded: boolean } | null> {
  const paymentIntent = stripeId(charge.payment_intent);
  await manager.query(
    `UPDATE billing_invoice SET amount_refunded = GREATEST(amount_refunded, LEAST($2::int, amount_paid))
     WHERE payment_intent_id = $1`,
    [paymentIntent, charge.amount_refunded],
  );
  const rows = (await manager.query(
    `SELECT stripe_invoice_id, user_id, stripe_subscription_id, amount_paid, amount_refunded
     FROM billing_invoice WHERE payment_intent_id = $1`,
    [paymentIntent],
  )) as {
    stripe_invoice_id: string;
    user_id: string;
    stripe_subscription_id: string;
    amount_paid: number;
    amount_refunded: number;
  }[];
  const invoice = rows[0];
  if (!invoice) return null;
  const fullyRefunded = invoice.amount_refunded >= invoice.amount_paid;
  const granted = await ledgerSum(manager, `grant:${invoice.stripe_invoice_id}`);
  const reversed = -(await ledgerSum(manager, `reverse:${invoice.stripe_invoice_id}`));
  const due = fullyRefunded
    ? granted
    : Math.floor((granted * invoice.amount_refunded) / Math.max(1, invoice.amount_paid));
  if (due > reversed) {
    const taken = await reverseGrant(manager, {
      userId: invoice.user_id,
      amountCents: due - reversed,
      reference: `reverse:${invoice.stripe_invoice_id}:${invoice.amount_refunded}`,
    });
    if (taken > 0) await publishEntitlements(manager, invoice.user_id);
  }
  return { userId: invoice.user_id, stripeSubscriptionId: invoice.stripe_subscription_id, fullyRefunded };
}

/** The user-side total of the postings under `reference` and under `reference:<anything>`. */
async function ledgerSum(manager: EntityManager, reference: string): Promise<number> {
  const rows = (await manager.query(
    `SELECT COALESCE(SUM(amount_cents), 0)::int AS total FROM billing_credit_ledger
     WHERE account = 'USER_CREDITS' AND (reference = $1 OR starts_with(reference, $1 || ':'))`,
    [reference],
  )) as { total: number }[];
  return rows[0]?.total ?? 0;
}
