import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadStripeServerConfig } from '../src/config';
import { type RunningStripeServer, startStripeServer } from '../src/stripe-server';

const API_KEY = 'sk_test_stripeservertest';
const WEBHOOK_SECRET = 'whsec_stripeservertestsecret00';

let server: RunningStripeServer;
let receiver: Server;
let stripe: Stripe;
const received: Stripe.Event[] = [];
const receiverErrors: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        received.push(
          stripe.webhooks.constructEvent(
            Buffer.concat(chunks),
            String(req.headers['stripe-signature']),
            WEBHOOK_SECRET,
            300,
          ),
        );
        res.writeHead(200).end('{}');
      } catch (error) {
        receiverErrors.push(String(error));
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const receiverPort = typeof address === 'object' && address ? address.port : 0;
  server = await startStripeServer(
    loadStripeServerConfig({
      PORT: '0',
      STRIPE_SERVER_API_KEY: API_KEY,
      STRIPE_SERVER_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_SERVER_WEBHOOK_URL: `http://127.0.0.1:${receiverPort}/webhooks/stripe`,
    }),
  );
  stripe = new Stripe(API_KEY, {
    host: '127.0.0.1',
    port: server.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
});

afterAll(async () => {
  await server.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

async function monthlyPrice(lookupKey: string, amount = 900): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: `Plan ${lookupKey}` });
  return stripe.prices.create({
    product: product.id,
    unit_amount: amount,
    currency: 'usd',
    recurring: { interval: 'month' },
    lookup_key: lookupKey,
  });
}

/** What the browser does on the hosted checkout page. */
async function pay(url: string, card = '4242 4242 4242 4242'): Promise<Response> {
  return fetch(`${url}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: 'Demo Patient', card }),
    redirect: 'manual',
  });
}

async function subscribe(lookupKey: string): Promise<{ customer: Stripe.Customer; subscriptionId: string }> {
  const price = await monthlyPrice(lookupKey);
  const customer = await stripe.customers.create({
    email: `${lookupKey}@example.test`,
    metadata: { userId: lookupKey },
  });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: 'http://app.test/billing?session={CHECKOUT_SESSION_ID}',
  });
  await pay(session.url ?? '');
  const done = await stripe.checkout.sessions.retrieve(session.id);
  await server.webhooks.idle();
  return { customer, subscriptionId: String(done.subscription) };
}

describe('stripe-server through the official stripe SDK', () => {
  it('refuses a wrong API key with a Stripe authentication error', async () => {
    const wrong = new Stripe('sk_test_wrongwrongwrong', {
      host: '127.0.0.1',
      port: server.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(wrong.customers.create({})).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
  });

  it('finds prices by lookup key and refuses a second price with the same key', async () => {
    const price = await monthlyPrice('lookup-plus', 1200);
    const found = await stripe.prices.list({ lookup_keys: ['lookup-plus'], active: true });
    expect(found.data.map((candidate) => candidate.id)).toEqual([price.id]);
    expect(found.data[0]).toMatchObject({
      unit_amount: 1200,
      currency: 'usd',
      recurring: { interval: 'month' },
    });
    await expect(monthlyPrice('lookup-plus')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'lookup_key',
    });
  });

  it('completes hosted checkout: redirect to success_url, active subscription, paid invoice, signed webhooks', async () => {
    const price = await monthlyPrice('checkout-plus');
    const customer = await stripe.customers.create({ email: 'p@example.test' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://app.test/billing?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://app.test/billing',
      client_reference_id: 'user-1',
      subscription_data: { metadata: { userId: 'user-1' } },
    });
    expect(session).toMatchObject({ status: 'open', amount_total: 900, currency: 'usd' });
    const page = await fetch(session.url ?? '');
    expect(await page.text()).toContain('Plan checkout-plus');

    const declined = await pay(session.url ?? '', '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

    const paid = await pay(session.url ?? '');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://app.test/billing?session=${session.id}`);
    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const subscription = await stripe.subscriptions.retrieve(String(done.subscription));
    expect(subscription).toMatchObject({
      status: 'active',
      customer: customer.id,
      metadata: { userId: 'user-1' },
    });
    expect(subscription.items.data[0]?.price.id).toBe(price.id);
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data).toHaveLength(1);
    expect(invoices.data[0]).toMatchObject({
      status: 'paid',
      amount_paid: 900,
      billing_reason: 'subscription_create',
    });
    const cards = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(cards.data[0]?.card?.last4).toBe('4242');

    await server.webhooks.idle();
    expect(receiverErrors).toEqual([]);
    expect(received.map((event) => event.type)).toEqual(
      expect.arrayContaining(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']),
    );
    const again = await pay(session.url ?? '');
    expect(again.status).toBe(410);
  });

  it('renews at period end, and a declined renewal leaves the subscription past_due until the invoice is paid', async () => {
    const { customer, subscriptionId } = await subscribe('renewal');
    received.length = 0;
    const renewed = await stripe.subscriptions.retrieve(subscriptionId);
    const firstEnd = renewed.items.data[0]?.current_period_end ?? 0;
    await fetch(`${server.origin}/test/subscriptions/${subscriptionId}/renew`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const afterRenewal = await stripe.subscriptions.retrieve(subscriptionId);
    expect(afterRenewal.status).toBe('active');
    expect(afterRenewal.items.data[0]?.current_period_start).toBe(firstEnd);
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(2);

    await fetch(`${server.origin}/test/decline-next-payment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `customer=${customer.id}`,
    });
    await fetch(`${server.origin}/test/subscriptions/${subscriptionId}/renew`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('past_due');
    const open = (await stripe.invoices.list({ customer: customer.id })).data.find(
      (invoice) => invoice.status === 'open',
    );
    expect(open).toBeDefined();
    await stripe.invoices.pay(open?.id ?? '');
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');
    await server.webhooks.idle();
    expect(received.map((event) => event.type)).toEqual(
      expect.arrayContaining(['invoice.paid', 'invoice.payment_failed', 'customer.subscription.updated']),
    );
  });

  it('switches a subscription to another price with proration: always_invoice charges the difference now', async () => {
    const { customer, subscriptionId } = await subscribe('switch-from');
    const dearer = await monthlyPrice('switch-to', 1_900);
    const yearly = await stripe.prices.create({
      product: dearer.product as string,
      unit_amount: 19_000,
      currency: 'usd',
      recurring: { interval: 'year' },
    });
    const before = await stripe.subscriptions.retrieve(subscriptionId);
    const item = before.items.data[0]!;
    received.length = 0;

    const updated = await stripe.subscriptions.update(subscriptionId, {
      items: [{ id: item.id, price: dearer.id }],
      proration_behavior: 'always_invoice',
    });
    expect(updated.items.data[0]?.price.id).toBe(dearer.id);
    expect(updated.items.data[0]?.current_period_end).toBe(item.current_period_end);
    const invoices = (await stripe.invoices.list({ customer: customer.id })).data;
    const proration = invoices.find((invoice) => invoice.billing_reason === 'subscription_update');
    // The whole period is left (the clock has not moved): 19.00 for the new price less 9.00 unused.
    expect(proration).toMatchObject({ status: 'paid', amount_paid: 1_000 });
    await server.webhooks.idle();
    const updatedEvent = received.find((event) => event.type === 'customer.subscription.updated');
    expect((updatedEvent?.data.object as Stripe.Subscription).items.data[0]?.price.id).toBe(dearer.id);
    expect(received.map((event) => event.type)).toEqual(
      expect.arrayContaining(['payment_intent.succeeded', 'invoice.paid', 'customer.subscription.updated']),
    );

    // A new interval restarts the period today and charges the year less the unused month.
    const annual = await stripe.subscriptions.update(subscriptionId, {
      items: [{ id: item.id, price: yearly.id }],
      proration_behavior: 'always_invoice',
    });
    expect(annual.items.data[0]?.current_period_end).toBeGreaterThan(item.current_period_end + 300 * 86_400);
    const charged = (await stripe.invoices.list({ customer: customer.id })).data.filter(
      (invoice) => invoice.billing_reason === 'subscription_update',
    );
    expect(charged.map((invoice) => invoice.amount_paid).sort((a, b) => a - b)).toEqual([1_000, 17_100]);

    const euro = await stripe.prices.create({
      product: dearer.product as string,
      unit_amount: 900,
      currency: 'eur',
      recurring: { interval: 'month' },
    });
    await expect(
      stripe.subscriptions.update(subscriptionId, { items: [{ id: item.id, price: euro.id }] }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'items' });
  });

  it('cancels at period end (API and hosted portal), then ends the subscription when the period passes', async () => {
    const { customer, subscriptionId } = await subscribe('portal');
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://app.test/billing',
    });
    expect(await (await fetch(portal.url)).text()).toContain('Cancel plan');
    const cancel = await fetch(`${portal.url}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subscription: subscriptionId }),
      redirect: 'manual',
    });
    expect(cancel.status).toBe(303);
    expect(await stripe.subscriptions.retrieve(subscriptionId)).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
    });
    await fetch(`${server.origin}/test/subscriptions/${subscriptionId}/renew`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('canceled');
    await expect(
      stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
    });
  });

  it('refunds a payment once and refuses refunding more than was paid', async () => {
    const { customer } = await subscribe('refund');
    const [invoice] = (await stripe.invoices.list({ customer: customer.id, expand: ['data.payments'] })).data;
    const paymentIntent = String(invoice?.payments?.data[0]?.payment.payment_intent);
    received.length = 0;
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent });
    expect(refund).toMatchObject({ amount: 900, status: 'succeeded' });
    await expect(stripe.refunds.create({ payment_intent: paymentIntent, amount: 1 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    await server.webhooks.idle();
    const refunded = received.find((event) => event.type === 'charge.refunded');
    expect(refunded?.data.object).toMatchObject({
      amount_refunded: 900,
      refunded: true,
      customer: customer.id,
    });
  });

  it('answers a repeated idempotency key with the first response', async () => {
    const price = await monthlyPrice('idempotent');
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'subscription',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://app.test/ok',
    };
    const first = await stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-key-1' });
    const second = await stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-key-1' });
    expect(second.id).toBe(first.id);
    await expect(
      stripe.checkout.sessions.create(
        { ...params, success_url: 'http://app.test/other' },
        { idempotencyKey: 'checkout-key-1' },
      ),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
  });

  it('answers unknown objects with resource_missing', async () => {
    await expect(stripe.subscriptions.retrieve('sub_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });
});
