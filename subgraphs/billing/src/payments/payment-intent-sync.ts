import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { userForCustomer } from '../subscriptions/subscription-sync';

function stripeId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/**
 * Stores a payment intent as Stripe currently has it (always retrieved from the API, so a late `payment_failed`
 * after the retry succeeded cannot undo it). Returns false for one whose customer is not HoloVitals'.
 */
export async function recordPaymentIntent(
  manager: EntityManager,
  paymentIntent: Stripe.PaymentIntent,
): Promise<boolean> {
  const customerId = stripeId(paymentIntent.customer);
  const userId = customerId ? await userForCustomer(manager, customerId) : null;
  if (!userId) return false;
  await manager.query(
    `INSERT INTO billing_payment_intent
       (stripe_payment_intent_id, user_id, amount, amount_received, currency, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (stripe_payment_intent_id) DO UPDATE SET amount = EXCLUDED.amount,
       amount_received = EXCLUDED.amount_received, status = EXCLUDED.status, updated_at = now()`,
    [
      paymentIntent.id,
      userId,
      paymentIntent.amount,
      paymentIntent.amount_received,
      paymentIntent.currency,
      paymentIntent.status,
      new Date(paymentIntent.created * 1000),
    ],
  );
  return true;
}

export interface PaymentRow {
  id: string;
  amountCents: number;
  amountReceivedCents: number;
  currency: string;
  status: string;
  invoiceNumber: string | null;
  refundedCents: number;
  createdAt: Date;
}

/** The user's payments, newest first, with the invoice each paid (joined: the invoice may arrive later). */
export async function paymentsOf(
  manager: EntityManager,
  userId: string,
  first: number,
): Promise<PaymentRow[]> {
  const rows = (await manager.query(
    `SELECT p.stripe_payment_intent_id, p.amount, p.amount_received, p.currency, p.status, p.created_at,
            i.number, COALESCE(i.amount_refunded, 0) AS amount_refunded
     FROM billing_payment_intent p
     LEFT JOIN billing_invoice i ON i.payment_intent_id = p.stripe_payment_intent_id
     WHERE p.user_id = $1 ORDER BY p.created_at DESC, p.stripe_payment_intent_id DESC LIMIT $2`,
    [userId, first],
  )) as {
    stripe_payment_intent_id: string;
    amount: number;
    amount_received: number;
    currency: string;
    status: string;
    created_at: Date;
    number: string | null;
    amount_refunded: number;
  }[];
  return rows.map((row) => ({
    id: row.stripe_payment_intent_id,
    amountCents: row.amount,
    amountReceivedCents: row.amount_received,
    currency: row.currency,
    status: row.status,
    invoiceNumber: row.number,
    refundedCents: row.amount_refunded,
    createdAt: row.created_at,
  }));
}
