import { randomBytes } from 'node:crypto';
import { StripeApiError } from './stripe-error';
import type {
  StripeCharge,
  StripeCheckoutSession,
  StripeCustomer,
  StripeEvent,
  StripeInvoice,
  StripeList,
  StripePaymentIntent,
  StripePaymentMethod,
  StripePortalSession,
  StripePrice,
  StripeProduct,
  StripeRefund,
  StripeSubscription,
} from './stripe-objects';

/** The API version this server speaks (the one stripe-node 23 pins). */
export const API_VERSION = '2025-11-17.clover';

const DAY = 24 * 3600;
const CHECKOUT_LIFETIME = DAY;

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** Adds one billing interval in calendar terms, as Stripe does (Jan 31 + 1 month = Feb 28). */
export function addInterval(start: number, interval: 'month' | 'year'): number {
  const date = new Date(start * 1000);
  const day = date.getUTCDate();
  const months = interval === 'month' ? 1 : 12;
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return Math.floor(date.getTime() / 1000);
}

/** Sorted newest first and cut at `starting_after` / `limit`, as Stripe's list endpoints page. */
export function page<T extends { id: string; created: number }>(
  items: T[],
  url: string,
  options: { limit?: number; startingAfter?: string },
): StripeList<T> {
  const sorted = [...items].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  const from = options.startingAfter ? sorted.findIndex((item) => item.id === options.startingAfter) + 1 : 0;
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 100);
  const data = sorted.slice(from, from + limit);
  return { object: 'list', data, has_more: from + limit < sorted.length, url };
}

/**
 * Everything the server holds, in memory, and the state changes Stripe makes: checkout completion,
 * renewals and failed payments when the test clock passes a period end, cancellation, refunds. Each
 * change queues the events Stripe would send; `takeEvents` hands them to the webhook sender.
 */
export class StripeState {
  readonly customers = new Map<string, StripeCustomer>();
  readonly products = new Map<string, StripeProduct>();
  readonly prices = new Map<string, StripePrice>();
  readonly checkoutSessions = new Map<string, StripeCheckoutSession>();
  readonly subscriptions = new Map<string, StripeSubscription>();
  readonly invoices = new Map<string, StripeInvoice>();
  readonly paymentIntents = new Map<string, StripePaymentIntent>();
  readonly charges = new Map<string, StripeCharge>();
  readonly paymentMethods = new Map<string, StripePaymentMethod>();
  readonly refunds = new Map<string, StripeRefund>();
  readonly portalSessions = new Map<string, StripePortalSession>();
  readonly events = new Map<string, StripeEvent>();
  private pending: StripeEvent[] = [];
  private clockOffset = 0;
  private invoiceCounter = 0;
  /** Proration left for a subscription's next invoice (proration_behavior create_prorations), in cents. */
  private readonly pendingProrations = new Map<string, number>();
  /** Customers whose next charge is declined; `*` declines the next charge of anyone. */
  private readonly declineNext = new Set<string>();

  constructor(private readonly origin: () => string) {}

  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  takeEvents(): StripeEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private emit(type: string, object: unknown, previous?: Record<string, unknown>): void {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: this.now(),
      type,
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    this.events.set(event.id, event);
    this.pending.push(event);
  }

  get<T>(map: Map<string, T>, kind: string, id: string): T {
    const found = map.get(id);
    if (!found) throw StripeApiError.noSuch(kind, id);
    return found;
  }

  createCustomer(input: { email?: string; name?: string; metadata: Record<string, string> }): StripeCustomer {
    const customer: StripeCustomer = {
      id: newId('cus'),
      object: 'customer',
      created: this.now(),
      email: input.email ?? null,
      name: input.name ?? null,
      metadata: input.metadata,
      invoice_settings: { default_payment_method: null },
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    this.emit('customer.created', customer);
    return customer;
  }

  createProduct(input: {
    id?: string;
    name: string;
    description?: string;
    metadata: Record<string, string>;
  }): StripeProduct {
    const id = input.id ?? newId('prod');
    if (this.products.has(id))
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Product already exists.`,
        'resource_already_exists',
        'id',
      );
    const product: StripeProduct = {
      id,
      object: 'product',
      created: this.now(),
      name: input.name,
      description: input.description ?? null,
      active: true,
      metadata: input.metadata,
      livemode: false,
    };
    this.products.set(id, product);
    return product;
  }

  createPrice(input: {
    product: string;
    unitAmount: number;
    currency: string;
    interval: 'month' | 'year';
    lookupKey?: string;
    transferLookupKey: boolean;
    metadata: Record<string, string>;
  }): StripePrice {
    this.get(this.products, 'product', input.product);
    const holder = [...this.prices.values()].find((price) => price.lookup_key === input.lookupKey);
    if (input.lookupKey && holder) {
      if (!input.transferLookupKey)
        throw StripeApiError.invalid(
          'lookup_key',
          `A price (\`${holder.id}\`) already uses that lookup key.`,
        );
      holder.lookup_key = null;
    }
    const price: StripePrice = {
      id: newId('price'),
      object: 'price',
      created: this.now(),
      product: input.product,
      active: true,
      currency: input.currency,
      unit_amount: input.unitAmount,
      lookup_key: input.lookupKey ?? null,
      type: 'recurring',
      recurring: { interval: input.interval, interval_count: 1, usage_type: 'licensed' },
      metadata: input.metadata,
      livemode: false,
    };
    this.prices.set(price.id, price);
    return price;
  }

  createCheckoutSession(input: {
    customer?: string;
    customerEmail?: string;
    clientReferenceId?: string;
    successUrl: string;
    cancelUrl?: string;
    lineItems: { price: string; quantity: number }[];
    metadata: Record<string, string>;
    subscriptionMetadata: Record<string, string>;
  }): StripeCheckoutSession {
    if (input.customer) this.get(this.customers, 'customer', input.customer);
    if (input.lineItems.length === 0) throw StripeApiError.missing('line_items');
    const prices = input.lineItems.map((item) => this.get(this.prices, 'price', item.price));
    const currencies = new Set(prices.map((price) => price.currency));
    if (currencies.size > 1)
      throw StripeApiError.invalid('line_items', 'All prices on a subscription must have the same currency.');
    const id = newId('cs_test');
    const session: StripeCheckoutSession = {
      id,
      object: 'checkout.session',
      created: this.now(),
      expires_at: this.now() + CHECKOUT_LIFETIME,
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      customer: input.customer ?? null,
      customer_email: input.customerEmail ?? null,
      client_reference_id: input.clientReferenceId ?? null,
      subscription: null,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl ?? null,
      url: `${this.origin()}/checkout/${id}`,
      currency: prices[0]?.currency ?? 'usd',
      amount_total: prices.reduce(
        (sum, price, index) => sum + price.unit_amount * (input.lineItems[index]?.quantity ?? 1),
        0,
      ),
      metadata: input.metadata,
      line_items_internal: input.lineItems,
      subscription_metadata_internal: input.subscriptionMetadata,
      livemode: false,
    };
    this.checkoutSessions.set(id, session);
    return session;
  }

  /** An open session past its expiry becomes expired when next read, as Stripe expires them. */
  checkoutSession(id: string): StripeCheckoutSession {
    const session = this.get(this.checkoutSessions, 'checkout.session', id);
    if (session.status === 'open' && session.expires_at <= this.now()) this.expireCheckoutSession(id);
    return session;
  }

  expireCheckoutSession(id: string): StripeCheckoutSession {
    const session = this.get(this.checkoutSessions, 'checkout.session', id);
    if (session.status !== 'open')
      throw StripeApiError.invalid(
        'session',
        `Only open sessions can be expired (this one is ${session.status}).`,
      );
    session.status = 'expired';
    session.url = null;
    this.emit('checkout.session.expired', publicSession(session));
    return session;
  }

  /** What pressing "Pay" on the hosted checkout page does: a card, a subscription, its first invoice. */
  completeCheckout(id: string, card: { name: string; last4: string }): StripeCheckoutSession {
    const session = this.checkoutSession(id);
    if (session.status !== 'open')
      throw StripeApiError.invalid('session', `This checkout session is ${session.status}.`);
    const customer = session.customer
      ? this.get(this.customers, 'customer', session.customer)
      : this.createCustomer({ email: session.customer_email ?? undefined, metadata: {} });
    session.customer = customer.id;
    const paymentMethod = this.attachCard(customer, card);
    const start = this.now();
    const subscriptionId = newId('sub');
    const subscription: StripeSubscription = {
      id: subscriptionId,
      object: 'subscription',
      created: start,
      customer: customer.id,
      status: 'incomplete',
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      start_date: start,
      currency: session.currency,
      default_payment_method: paymentMethod.id,
      latest_invoice: null,
      items: {
        object: 'list',
        data: (session.line_items_internal ?? []).map((item) => {
          const price = this.get(this.prices, 'price', item.price);
          return {
            id: newId('si'),
            object: 'subscription_item',
            created: start,
            price,
            quantity: item.quantity,
            subscription: subscriptionId,
            current_period_start: start,
            current_period_end: addInterval(start, price.recurring.interval),
          };
        }),
        has_more: false,
        url: `/v1/subscription_items?subscription=${subscriptionId}`,
      },
      metadata: session.subscription_metadata_internal ?? {},
      livemode: false,
    };
    const invoice = this.charge(subscription, 'subscription_create');
    if (invoice.status !== 'paid')
      throw new StripeApiError(402, 'card_error', 'Your card was declined.', 'card_declined');
    subscription.status = 'active';
    this.subscriptions.set(subscription.id, subscription);
    this.emit('customer.subscription.created', subscription);
    this.emit('invoice.paid', invoice);
    session.status = 'complete';
    session.payment_status = 'paid';
    session.subscription = subscription.id;
    session.url = null;
    this.emit('checkout.session.completed', publicSession(session));
    return session;
  }

  private attachCard(customer: StripeCustomer, card: { name: string; last4: string }): StripePaymentMethod {
    const method: StripePaymentMethod = {
      id: newId('pm'),
      object: 'payment_method',
      created: this.now(),
      customer: customer.id,
      type: 'card',
      card: { brand: 'visa', last4: card.last4, exp_month: 12, exp_year: 2034, funding: 'credit' },
      billing_details: { name: card.name || null, email: customer.email },
      livemode: false,
    };
    this.paymentMethods.set(method.id, method);
    customer.invoice_settings.default_payment_method = method.id;
    this.emit('payment_method.attached', method);
    return method;
  }

  /** Invoices the subscription's current period and charges it (declined when the test asked). */
  private charge(
    subscription: StripeSubscription,
    reason: StripeInvoice['billing_reason'],
    proration?: { amount: number; description: string },
  ): StripeInvoice {
    const pending = this.pendingProrations.get(subscription.id) ?? 0;
    this.pendingProrations.delete(subscription.id);
    const amount = proration
      ? proration.amount
      : Math.max(
          0,
          subscription.items.data.reduce((sum, item) => sum + item.price.unit_amount * item.quantity, 0) +
            pending,
        );
    const first = subscription.items.data[0];
    const declined = this.declineNext.delete(subscription.customer) || this.declineNext.delete('*');
    const paymentIntent: StripePaymentIntent = {
      id: newId('pi'),
      object: 'payment_intent',
      created: this.now(),
      amount,
      amount_received: declined ? 0 : amount,
      currency: subscription.currency,
      customer: subscription.customer,
      status: declined ? 'requires_payment_method' : 'succeeded',
      latest_charge: null,
      payment_method: subscription.default_payment_method,
      livemode: false,
    };
    const charge: StripeCharge = {
      id: newId('ch'),
      object: 'charge',
      created: this.now(),
      amount,
      amount_refunded: 0,
      currency: subscription.currency,
      customer: subscription.customer,
      payment_intent: paymentIntent.id,
      paid: !declined,
      refunded: false,
      status: declined ? 'failed' : 'succeeded',
      metadata: {},
      livemode: false,
    };
    paymentIntent.latest_charge = charge.id;
    this.paymentIntents.set(paymentIntent.id, paymentIntent);
    this.charges.set(charge.id, charge);
    this.emit(declined ? 'payment_intent.payment_failed' : 'payment_intent.succeeded', paymentIntent);
    this.invoiceCounter += 1;
    const id = newId('in');
    const invoice: StripeInvoice = {
      id,
      object: 'invoice',
      created: this.now(),
      number: `HV-${String(this.invoiceCounter).padStart(6, '0')}`,
      customer: subscription.customer,
      status: declined ? 'open' : 'paid',
      billing_reason: reason,
      currency: subscription.currency,
      amount_due: amount,
      amount_paid: declined ? 0 : amount,
      amount_remaining: declined ? amount : 0,
      total: amount,
      attempt_count: 1,
      period_start: first?.current_period_start ?? this.now(),
      period_end: first?.current_period_end ?? this.now(),
      hosted_invoice_url: `${this.origin()}/invoices/${id}`,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
      },
      lines: {
        object: 'list',
        data: proration
          ? [
              {
                id: newId('il'),
                object: 'line_item',
                amount: proration.amount,
                currency: subscription.currency,
                description: proration.description,
              },
            ]
          : subscription.items.data.map((item) => ({
              id: newId('il'),
              object: 'line_item',
              amount: item.price.unit_amount * item.quantity,
              currency: item.price.currency,
              description: `${item.quantity} × ${this.products.get(item.price.product)?.name ?? item.price.product}`,
            })),
        has_more: false,
        url: `/v1/invoices/${id}/lines`,
      },
      payments: {
        object: 'list',
        data: [
          {
            id: newId('inpay'),
            object: 'invoice_payment',
            payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
          },
        ],
        has_more: false,
        url: `/v1/invoice_payments?invoice=${id}`,
      },
      metadata: {},
      livemode: false,
    };
    this.invoices.set(id, invoice);
    subscription.latest_invoice = id;
    return invoice;
  }

  updateSubscription(
    id: string,
    input: {
      cancelAtPeriodEnd?: boolean;
      metadata?: Record<string, string>;
      items?: { id?: string; price: string }[];
      prorationBehavior?: ProrationBehavior;
    },
  ): StripeSubscription {
    const subscription = this.get(this.subscriptions, 'subscription', id);
    if (subscription.status === 'canceled')
      throw StripeApiError.invalid('subscription', 'A canceled subscription can no longer be updated.');
    const previous: Record<string, unknown> = {};
    const change = input.items?.[0];
    if (change)
      this.changePrice(subscription, change, input.prorationBehavior ?? 'create_prorations', previous);
    if (
      input.cancelAtPeriodEnd !== undefined &&
      input.cancelAtPeriodEnd !== subscription.cancel_at_period_end
    ) {
      previous.cancel_at_period_end = subscription.cancel_at_period_end;
      previous.cancel_at = subscription.cancel_at;
      subscription.cancel_at_period_end = input.cancelAtPeriodEnd;
      subscription.cancel_at = input.cancelAtPeriodEnd ? periodEnd(subscription) : null;
    }
    if (input.metadata) {
      previous.metadata = subscription.metadata;
      subscription.metadata = { ...subscription.metadata, ...input.metadata };
    }
    if (Object.keys(previous).length > 0) this.emit('customer.subscription.updated', subscription, previous);
    return subscription;
  }

  /**
   * Swaps the subscription's (single) item to another price, as Stripe does: a new interval restarts the period
   * today; the unused part of the old price is credited and the new price charged for the rest of the period.
   * `always_invoice` charges that difference now (a positive one; a negative one is left for the next invoice),
   * `create_prorations` leaves it for the next invoice, `none` drops it.
   */
  private changePrice(
    subscription: StripeSubscription,
    change: { id?: string; price: string },
    behavior: ProrationBehavior,
    previous: Record<string, unknown>,
  ): void {
    const item = change.id
      ? subscription.items.data.find((candidate) => candidate.id === change.id)
      : subscription.items.data[0];
    if (!item) throw StripeApiError.noSuch('subscription_item', change.id ?? '', 'items');
    const price = this.get(this.prices, 'price', change.price);
    if (price.currency !== subscription.currency)
      throw StripeApiError.invalid(
        'items',
        `The price's currency (${price.currency}) does not match the subscription's (${subscription.currency}).`,
      );
    if (price.id === item.price.id) return;
    previous.items = structuredClone(subscription.items);
    const now = this.now();
    const length = Math.max(1, item.current_period_end - item.current_period_start);
    const unused = Math.round(
      (item.price.unit_amount * item.quantity * (item.current_period_end - now)) / length,
    );
    const intervalChanged = price.recurring.interval !== item.price.recurring.interval;
    item.price = price;
    if (intervalChanged) {
      item.current_period_start = now;
      item.current_period_end = addInterval(now, price.recurring.interval);
    }
    const remaining = intervalChanged
      ? price.unit_amount * item.quantity
      : Math.round((price.unit_amount * item.quantity * (item.current_period_end - now)) / length);
    const difference = remaining - unused;
    if (behavior === 'none' || difference === 0) return;
    if (behavior === 'always_invoice' && difference > 0) {
      const product = this.products.get(price.product)?.name ?? price.product;
      const invoice = this.charge(subscription, 'subscription_update', {
        amount: difference,
        description: `Remaining time on ${product} after the plan change, less unused time on the previous plan`,
      });
      this.emit('invoice.created', invoice);
      if (invoice.status === 'paid') this.emit('invoice.paid', invoice);
      else {
        previous.status = subscription.status;
        subscription.status = 'past_due';
        this.emit('invoice.payment_failed', invoice);
      }
      return;
    }
    this.pendingProrations.set(
      subscription.id,
      (this.pendingProrations.get(subscription.id) ?? 0) + difference,
    );
  }

  cancelSubscription(id: string): StripeSubscription {
    const subscription = this.get(this.subscriptions, 'subscription', id);
    if (subscription.status === 'canceled')
      throw StripeApiError.invalid('subscription', 'This subscription is already canceled.');
    subscription.status = 'canceled';
    subscription.canceled_at = this.now();
    subscription.ended_at = this.now();
    this.emit('customer.subscription.deleted', subscription);
    return subscription;
  }

  createPortalSession(customerId: string, returnUrl?: string): StripePortalSession {
    this.get(this.customers, 'customer', customerId);
    const id = newId('bps');
    const session: StripePortalSession = {
      id,
      object: 'billing_portal.session',
      created: this.now(),
      customer: customerId,
      return_url: returnUrl ?? null,
      url: `${this.origin()}/portal/${id}`,
      livemode: false,
    };
    this.portalSessions.set(id, session);
    return session;
  }

  createRefund(input: {
    paymentIntent?: string;
    charge?: string;
    amount?: number;
    reason?: string;
  }): StripeRefund {
    const charge = input.charge
      ? this.get(this.charges, 'charge', input.charge)
      : [...this.charges.values()].find((candidate) => candidate.payment_intent === input.paymentIntent);
    if (!charge) {
      if (!input.paymentIntent) throw StripeApiError.missing('payment_intent');
      throw StripeApiError.noSuch('payment_intent', input.paymentIntent, 'payment_intent');
    }
    if (!charge.paid)
      throw StripeApiError.invalid(
        'charge',
        `Charge ${charge.id} has not been paid, so it cannot be refunded.`,
      );
    const remaining = charge.amount - charge.amount_refunded;
    const amount = input.amount ?? remaining;
    if (amount <= 0 || amount > remaining)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`,
        'amount_too_large',
        'amount',
      );
    const refund: StripeRefund = {
      id: newId('re'),
      object: 'refund',
      created: this.now(),
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: 'succeeded',
      reason: input.reason ?? null,
      metadata: {},
    };
    this.refunds.set(refund.id, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('refund.created', refund);
    this.emit('charge.refunded', charge, previous);
    return refund;
  }

  /** Test control: the next charge for `customer` (or anyone, `*`) is declined. */
  declineNextPayment(customer: string): void {
    if (customer !== '*') this.get(this.customers, 'customer', customer);
    this.declineNext.add(customer);
  }

  /**
   * Test control: moves the clock forward and does what Stripe does at each period end it passes:
   * ends subscriptions set to cancel, renews the others (paid, or past_due when the charge is declined).
   */
  advanceClock(seconds: number): number {
    this.clockOffset += seconds;
    for (const subscription of this.subscriptions.values()) this.settlePeriods(subscription);
    return this.now();
  }

  /** Test control: moves the clock to this subscription's period end (a renewal or its end). */
  renew(id: string): StripeSubscription {
    const subscription = this.get(this.subscriptions, 'subscription', id);
    this.advanceClock(Math.max(0, periodEnd(subscription) - this.now()));
    return subscription;
  }

  private settlePeriods(subscription: StripeSubscription): void {
    while (subscription.status !== 'canceled' && periodEnd(subscription) <= this.now()) {
      if (subscription.cancel_at_period_end) {
        subscription.status = 'canceled';
        subscription.ended_at = periodEnd(subscription);
        subscription.canceled_at ??= subscription.ended_at;
        this.emit('customer.subscription.deleted', subscription);
        return;
      }
      const previous = {
        status: subscription.status,
        items: structuredClone(subscription.items),
        latest_invoice: subscription.latest_invoice,
      };
      for (const item of subscription.items.data) {
        item.current_period_start = item.current_period_end;
        item.current_period_end = addInterval(item.current_period_start, item.price.recurring.interval);
      }
      const invoice = this.charge(subscription, 'subscription_cycle');
      this.emit('invoice.created', invoice);
      if (invoice.status === 'paid') {
        subscription.status = 'active';
        this.emit('invoice.paid', invoice);
      } else {
        subscription.status = 'past_due';
        this.emit('invoice.payment_failed', invoice);
      }
      this.emit('customer.subscription.updated', subscription, previous);
    }
  }

  /** Paying an open invoice again (the customer fixed their card): the subscription is active again. */
  payInvoice(id: string): StripeInvoice {
    const invoice = this.get(this.invoices, 'invoice', id);
    if (invoice.status !== 'open')
      throw StripeApiError.invalid('invoice', `Invoice is already ${invoice.status}.`);
    const declined = this.declineNext.delete(invoice.customer) || this.declineNext.delete('*');
    invoice.attempt_count += 1;
    if (declined) {
      this.emit('invoice.payment_failed', invoice);
      throw new StripeApiError(402, 'card_error', 'Your card was declined.', 'card_declined');
    }
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    const paymentIntentId = invoice.payments.data[0]?.payment.payment_intent;
    const paymentIntent = paymentIntentId ? this.paymentIntents.get(paymentIntentId) : undefined;
    const charge = paymentIntent?.latest_charge ? this.charges.get(paymentIntent.latest_charge) : undefined;
    if (paymentIntent && charge) {
      paymentIntent.status = 'succeeded';
      paymentIntent.amount_received = invoice.amount_due;
      charge.paid = true;
      charge.status = 'succeeded';
    }
    this.emit('invoice.paid', invoice);
    const subscription = this.subscriptions.get(invoice.parent.subscription_details.subscription);
    if (subscription && subscription.status === 'past_due') {
      subscription.status = 'active';
      this.emit('customer.subscription.updated', subscription, { status: 'past_due' });
    }
    return invoice;
  }
}

export type ProrationBehavior = 'create_prorations' | 'always_invoice' | 'none';

export function periodEnd(subscription: StripeSubscription): number {
  return Math.min(...subscription.items.data.map((item) => item.current_period_end));
}

/** A session as the API shows it (without the line items this server keeps for completion). */
export function publicSession(session: StripeCheckoutSession): StripeCheckoutSession {
  const { line_items_internal: _items, subscription_metadata_internal: _metadata, ...rest } = session;
  return rest;
}
