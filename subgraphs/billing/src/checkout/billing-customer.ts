import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';

/** The user's Stripe customer id, or null before their first checkout. */
export async function customerOf(
  manager: EntityManager | DataSource,
  userId: string,
): Promise<string | null> {
  const rows = (await manager.query(`SELECT stripe_customer_id FROM billing_customer WHERE user_id = $1`, [
    userId,
  ])) as { stripe_customer_id: string }[];
  return rows[0]?.stripe_customer_id ?? null;
}

export async function requireCustomer(manager: EntityManager | DataSource, userId: string): Promise<string> {
  const customer = await customerOf(manager, userId);
  if (!customer)
    throw new BillingError(
      BillingErrorCode.NO_BILLING_ACCOUNT,
      'You have no billing account yet: choose a plan first.',
    );
  return customer;
}

/**
 * The user's Stripe customer, created on first use. Call inside the transaction that holds the user's billing
 * lock; the idempotency key makes a retried create return the same customer.
 */
export async function ensureCustomer(
  manager: EntityManager,
  stripe: Stripe,
  userId: string,
): Promise<string> {
  const existing = await customerOf(manager, userId);
  if (existing) return existing;
  const customer = await stripe.customers.create(
    { metadata: { userId } },
    { idempotencyKey: `holovitals-customer-${userId}` },
  );
  await manager.query(`INSERT INTO billing_customer (user_id, stripe_customer_id) VALUES ($1, $2)`, [
    userId,
    customer.id,
  ]);
  return customer.id;
}

/** Serializes one user's billing changes (checkout, cancel) for the rest of the transaction. */
export async function lockUserBilling(manager: EntityManager, userId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('billing:' || $1, 0))`, [userId]);
}
