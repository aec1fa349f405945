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
    const granted = await grantCredits(manager, {
      userId,
      amountCents: planDefinition(catalog.plan).includedCreditsCents[catalog.interval],
      reference: `grant:${invoice.id}`,
    });
    if (granted) await publishEntitlements(manager, userId);
  }
  return userId;
}

/**
 * Records a refund on the invoice its payment paid. A full refund also takes back what is left of that period's
 * credit grant (the caller then ends the subscription). Returns the refunded invoice, or null when the charge
 * paid no invoice HoloVitals knows.
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
  if (fullyRefunded) {
    const granted = (await manager.query(
      `SELECT amount_cents FROM billing_credit_ledger WHERE reference = $1 AND account = 'USER_CREDITS'`,
      [`grant:${invoice.stripe_invoice_id}`],
    )) as { amount_cents: number }[];
    await reverseGrant(manager, {
      userId: invoice.user_id,
      amountCents: granted[0]?.amount_cents ?? 0,
      reference: `reverse:${invoice.stripe_invoice_id}`,
    });
    await publishEntitlements(manager, invoice.user_id);
  }
  return { userId: invoice.user_id, stripeSubscriptionId: invoice.stripe_subscription_id, fullyRefunded };
}
