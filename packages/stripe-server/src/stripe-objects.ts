/**
 * The Stripe API objects this server keeps, in the shape Stripe's API returns them (API version basil and
 * later: billing periods live on subscription items, an invoice names its subscription under `parent`).
 */
export interface StripeCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  invoice_settings: { default_payment_method: string | null };
  livemode: false;
}

export interface StripeProduct {
  id: string;
  object: 'product';
  created: number;
  name: string;
  description: string | null;
  active: boolean;
  metadata: Record<string, string>;
  livemode: false;
}

export interface StripePrice {
  id: string;
  object: 'price';
  created: number;
  product: string;
  active: boolean;
  currency: string;
  unit_amount: number;
  lookup_key: string | null;
  type: 'recurring';
  recurring: { interval: 'month' | 'year'; interval_count: 1; usage_type: 'licensed' };
  metadata: Record<string, string>;
  livemode: false;
}

export interface StripeCheckoutSession {
  id: string;
  object: 'checkout.session';
  created: number;
  expires_at: number;
  mode: 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  subscription: string | null;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  currency: string;
  amount_total: number;
  metadata: Record<string, string>;
  /** Not part of Stripe's JSON for a session; kept to build the subscription on completion. */
  line_items_internal?: { price: string; quantity: number }[];
  subscription_metadata_internal?: Record<string, string>;
  livemode: false;
}

export interface StripeSubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  price: StripePrice;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
}

export type SubscriptionStatus = 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete';

export interface StripeSubscription {
  id: string;
  object: 'subscription';
  created: number;
  customer: string;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  start_date: number;
  currency: string;
  default_payment_method: string | null;
  latest_invoice: string | null;
  items: { object: 'list'; data: StripeSubscriptionItem[]; has_more: false; url: string };
  metadata: Record<string, string>;
  livemode: false;
}

export interface StripeInvoice {
  id: string;
  object: 'invoice';
  created: number;
  number: string;
  customer: string;
  status: 'open' | 'paid' | 'void';
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  total: number;
  attempt_count: number;
  period_start: number;
  period_end: number;
  hosted_invoice_url: string;
  parent: {
    type: 'subscription_details';
    subscription_details: { subscription: string; metadata: Record<string, string> };
  };
  lines: {
    object: 'list';
    data: { id: string; object: 'line_item'; amount: number; currency: string; description: string }[];
    has_more: false;
    url: string;
  };
  payments: {
    object: 'list';
    data: {
      id: string;
      object: 'invoice_payment';
      payment: { type: 'payment_intent'; payment_intent: string };
    }[];
    has_more: false;
    url: string;
  };
  metadata: Record<string, string>;
  livemode: false;
}

export interface StripeCharge {
  id: string;
  object: 'charge';
  created: number;
  amount: number;
  amount_refunded: number;
  currency: string;
  customer: string;
  payment_intent: string;
  paid: boolean;
  refunded: boolean;
  status: 'succeeded' | 'failed';
  metadata: Record<string, string>;
  livemode: false;
}

export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  created: number;
  amount: number;
  amount_received: number;
  currency: string;
  customer: string;
  status: 'succeeded' | 'requires_payment_method';
  latest_charge: string | null;
  payment_method: string | null;
  livemode: false;
}

export interface StripePaymentMethod {
  id: string;
  object: 'payment_method';
  created: number;
  customer: string;
  type: 'card';
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: 'credit' };
  billing_details: { name: string | null; email: string | null };
  livemode: false;
}

export interface StripeRefund {
  id: string;
  object: 'refund';
  created: number;
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: 'succeeded';
  reason: string | null;
  metadata: Record<string, string>;
}

export interface StripePortalSession {
  id: string;
  object: 'billing_portal.session';
  created: number;
  customer: string;
  return_url: string | null;
  url: string;
  livemode: false;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
}

/** A list answer, as `GET /v1/<things>` returns it. */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}
