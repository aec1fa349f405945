import type { DomainEvent } from '@holovitals/events';
import { stripeSignature } from '@holovitals/stripe-server';
import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDueDowngrades } from '../src/subscriptions/subscription-sync';
import { type BillingTestStack, payCheckout, startBillingTestStack } from './billing-test-stack';

let h: BillingTestStack;

beforeAll(async () => {
  h = await startBillingTestStack();
});
afterAll(async () => {
  await h?.stop();
});

const CHECKOUT = `mutation Checkout($plan: PlanId!, $interval: BillingInterval!) {
  createCheckoutSession(plan: $plan, interval: $interval) { id url }
}`;
const CHANGE = `mutation Change($plan: PlanId!, $interval: BillingInterval!) {
  changePlan(plan: $plan, interval: $interval) { plan interval status currentPeriodEnd scheduledPlan scheduledInterval }
}`;
const MY_SUBSCRIPTION = `{ mySubscription { plan interval currentPeriodEnd scheduledPlan scheduledInterval } }`;

interface PlanState {
  plan: string;
  interval: string;
  currentPeriodEnd: string;
  scheduledPlan: string | null;
  scheduledInterval: string | null;
}

async function change(token: string, plan: string, interval: string): Promise<PlanState> {
  const result = await h.sg.graphql<{ changePlan: PlanState }>(CHANGE, { plan, interval }, { token });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.changePlan;
}

async function mySubscription(token: string): Promise<PlanState> {
  const result = await h.sg.graphql<{ mySubscription: PlanState }>(MY_SUBSCRIPTION, {}, { token });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.mySubscription;
}

async function stripePriceKey(stripeSubscriptionId: string): Promise<string | null> {
  const subscription = await h.stripe.subscriptions.retrieve(stripeSubscriptionId);
  return subscription.items.data[0]?.price.lookup_key ?? null;
}
const PAYMENTS = `{ paymentIntents(first: 10) { id amountCents amountReceivedCents currency status invoiceNumber refundedCents } }`;

interface Payment {
  id: string;
  amountCents: number;
  amountReceivedCents: number;
  currency: string;
  status: string;
  invoiceNumber: string | null;
  refundedCents: number;
}

async function subscribedPatient(): Promise<{ token: string; userId: string; stripeSubscriptionId: string }> {
  const userId = randomUUID();
  const token = await h.patientToken(userId);
  const checkout = await h.sg.graphql<{ createCheckoutSession: { id: string; url: string } }>(
    CHECKOUT,
    { plan: 'PLUS', interval: 'MONTH' },
    { token },
  );
  expect(checkout.body.errors).toBeUndefined();
  expect((await payCheckout(checkout.body.data!.createCheckoutSession.url)).status).toBe(303);
  await h.stripeServer.webhooks.idle();
  const session = await h.stripe.checkout.sessions.retrieve(checkout.body.data!.createCheckoutSession.id);
  return { token, userId, stripeSubscriptionId: String(session.subscription) };
}

async function credits(token: string): Promise<number> {
  const result = await h.sg.graphql<{ usage: { remainingCredits: number } }>(
    'query U($from: DateTime!, $to: DateTime!) { usage(from: $from, to: $to) { remainingCredits } }',
    {
      from: new Date(Date.now() - 86400_000).toISOString(),
      to: new Date(Date.now() + 86400_000).toISOString(),
    },
    { token },
  );
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.usage.remainingCredits;
}

async function payments(token: string): Promise<Payment[]> {
  const result = await h.sg.graphql<{ paymentIntents: Payment[] }>(PAYMENTS, {}, { token });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.paymentIntents;
}

async function history(userId: string): Promise<{ plan: string; reason: string }[]> {
  return (await h.sg.dataSource.query(
    `SELECT h.plan, h.reason FROM billing_subscription_history h
     JOIN billing_subscription s ON s.id = h.subscription_id WHERE s.user_id = $1 ORDER BY h.at, h.id`,
    [userId],
  )) as { plan: string; reason: string }[];
}

async function lastEntitlements(userId: string): Promise<{ plan: string; credits: number }> {
  const rows = (await h.sg.dataSource.query(
    `SELECT payload FROM event_outbox WHERE type = 'billing.entitlements.changed' AND payload->>'userId' = $1
     ORDER BY occurred_at DESC, id DESC LIMIT 1`,
    [userId],
  )) as { payload: { plan: string; credits: number } }[];
  return rows[0]!.payload;
}

async function firstPaymentIntent(stripeSubscriptionId: string): Promise<string> {
  const subscription = await h.stripe.subscriptions.retrieve(stripeSubscriptionId);
  const invoices = (await h.stripe.invoices.list({ customer: String(subscription.customer) })).data;
  const first = invoices.find((invoice) => invoice.billing_reason === 'subscription_create');
  return String(first?.payments?.data[0]?.payment.payment_intent);
}

async function redeliver(event: Stripe.Event): Promise<Response> {
  const body = JSON.stringify({ ...event, id: `evt_again_${randomUUID()}` });
  return fetch(h.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': stripeSignature(body, h.webhookSecret, Math.floor(Date.now() / 1000)),
    },
    body,
  });
}

describe('billing: changing plan', () => {
  it('upgrades at once (proration charged, credit topped up, history, entitlements); a cheaper plan waits for the renewal', async () => {
    const { token, userId, stripeSubscriptionId } = await subscribedPatient();
    expect(await credits(token)).toBe(500);

    const family = await h.sg.graphql<{ changePlan: { plan: string; interval: string; status: string } }>(
      CHANGE,
      { plan: 'FAMILY', interval: 'MONTH' },
      { token },
    );
    expect(family.body.errors).toBeUndefined();
    expect(family.body.data?.changePlan).toMatchObject({
      plan: 'FAMILY',
      interval: 'MONTH',
      status: 'ACTIVE',
    });
    await h.stripeServer.webhooks.idle();
    // The period had just begun: 19.00 less the unused 9.00 is charged, and the credit is now Family's 15.00.
    const paid = await payments(token);
    expect(paid.map((payment) => payment.amountReceivedCents).sort((a, b) => a - b)).toEqual([900, 1_000]);
    expect(await credits(token)).toBe(1_500);
    expect(await lastEntitlements(userId)).toMatchObject({ plan: 'FAMILY', credits: 1_500 });
    const changes = await history(userId);
    expect(changes.map((row) => row.reason)).toContain('plan_upgraded');
    // The webhook of the same change, arriving after the mutation applied it, adds no second history row.
    expect(changes.filter((row) => row.plan === 'FAMILY')).toHaveLength(1);

    // Monthly → annual: a new year-long period, charged at once; the credit is topped up to the year's.
    const annual = await h.sg.graphql<{ changePlan: { interval: string; currentPeriodEnd: string } }>(
      CHANGE,
      { plan: 'FAMILY', interval: 'YEAR' },
      { token },
    );
    expect(annual.body.data?.changePlan.interval).toBe('YEAR');
    expect(new Date(annual.body.data!.changePlan.currentPeriodEnd).getTime()).toBeGreaterThan(
      Date.now() + 300 * 86400_000,
    );
    await h.stripeServer.webhooks.idle();
    expect(await credits(token)).toBe(18_000);

    // A cheaper plan waits for the end of the paid year: nothing charged or refunded, Family kept until then,
    // also after the webhook of Stripe's price change.
    const before = (await payments(token)).length;
    expect(await change(token, 'PLUS', 'YEAR')).toMatchObject({
      plan: 'FAMILY',
      interval: 'YEAR',
      scheduledPlan: 'PLUS',
      scheduledInterval: 'YEAR',
    });
    await h.stripeServer.webhooks.idle();
    expect(await mySubscription(token)).toMatchObject({ plan: 'FAMILY', scheduledPlan: 'PLUS' });
    expect(await payments(token)).toHaveLength(before);
    expect(await credits(token)).toBe(18_000);
    expect((await history(userId)).map((row) => row.reason)).toContain('plan_downgrade_scheduled');
    expect(await lastEntitlements(userId)).toMatchObject({ plan: 'FAMILY' });

    // The renewal bills Plus's year (90.00), grants its credit and switches the plan.
    await h.control(`/test/subscriptions/${stripeSubscriptionId}/renew`);
    await h.stripeServer.webhooks.idle();
    expect(await mySubscription(token)).toMatchObject({
      plan: 'PLUS',
      interval: 'YEAR',
      scheduledPlan: null,
    });
    const renewed = await payments(token);
    expect(renewed).toHaveLength(before + 1);
    expect(renewed[0]?.amountReceivedCents).toBe(9_000);
    expect(await credits(token)).toBe(18_000 + 6_000);
    expect((await history(userId)).filter((row) => row.reason === 'scheduled_downgrade_applied')).toEqual([
      { plan: 'PLUS', reason: 'scheduled_downgrade_applied' },
    ]);
    expect(await lastEntitlements(userId)).toMatchObject({ plan: 'PLUS' });
  });

  it('withdraws a scheduled downgrade when the current plan is asked for; the sweep applies a due one once', async () => {
    const { token, userId, stripeSubscriptionId } = await subscribedPatient();
    await change(token, 'FAMILY', 'MONTH');
    await h.stripeServer.webhooks.idle();

    expect(await change(token, 'PLUS', 'MONTH')).toMatchObject({ plan: 'FAMILY', scheduledPlan: 'PLUS' });
    expect(await stripePriceKey(stripeSubscriptionId)).toBe('holovitals_plus_month');
    expect(await change(token, 'FAMILY', 'MONTH')).toMatchObject({ plan: 'FAMILY', scheduledPlan: null });
    expect(await stripePriceKey(stripeSubscriptionId)).toBe('holovitals_family_month');
    await h.stripeServer.webhooks.idle();
    expect(await mySubscription(token)).toMatchObject({ plan: 'FAMILY', scheduledPlan: null });

    const scheduled = await change(token, 'PLUS', 'MONTH');
    await h.stripeServer.webhooks.idle();
    const periodEnd = new Date(scheduled.currentPeriodEnd);
    const early = await h.sg.dataSource.transaction((manager) =>
      applyDueDowngrades(manager, new Date(periodEnd.getTime() - 1_000), 7),
    );
    expect(early).toBe(0);
    const due = await h.sg.dataSource.transaction((manager) =>
      applyDueDowngrades(manager, new Date(periodEnd.getTime() + 1_000), 7),
    );
    expect(due).toBe(1);
    expect(await mySubscription(token)).toMatchObject({
      plan: 'PLUS',
      interval: 'MONTH',
      scheduledPlan: null,
    });
    expect(await lastEntitlements(userId)).toMatchObject({ plan: 'PLUS' });

    // The renewal that follows finds the plan already switched: no second history row.
    await h.control(`/test/subscriptions/${stripeSubscriptionId}/renew`);
    await h.stripeServer.webhooks.idle();
    expect(await mySubscription(token)).toMatchObject({ plan: 'PLUS', scheduledPlan: null });
    const reasons = (await history(userId)).map((row) => row.reason);
    expect(reasons.filter((reason) => reason === 'scheduled_downgrade_applied')).toHaveLength(1);
    expect(reasons.filter((reason) => reason === 'scheduled_downgrade_withdrawn')).toHaveLength(1);
    expect(reasons.filter((reason) => reason === 'plan_downgrade_scheduled')).toHaveLength(2);
  });

  it('refuses Free, the same plan, an unknown plan and a caller without a subscription', async () => {
    const { token } = await subscribedPatient();
    const free = await h.sg.graphql(CHANGE, { plan: 'FREE', interval: 'MONTH' }, { token });
    expect(free.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const same = await h.sg.graphql(CHANGE, { plan: 'PLUS', interval: 'MONTH' }, { token });
    expect(same.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAME_PLAN' });
    const unknown = await h.sg.graphql(CHANGE, { plan: 'GOLD', interval: 'MONTH' }, { token });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nobody = await h.sg.graphql(
      CHANGE,
      { plan: 'FAMILY', interval: 'MONTH' },
      { token: await h.patientToken() },
    );
    expect(nobody.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await payments(token)).map((payment) => payment.amountCents)).toEqual([900]);
  });
});

describe('billing: payments and partial refunds', () => {
  it('lists succeeded and failed payments with the invoice each paid', async () => {
    const { token, stripeSubscriptionId } = await subscribedPatient();
    const [first] = await payments(token);
    expect(first).toMatchObject({
      amountCents: 900,
      amountReceivedCents: 900,
      currency: 'usd',
      status: 'succeeded',
    });
    expect(first?.invoiceNumber).toMatch(/^HV-/);

    const subscription = await h.stripe.subscriptions.retrieve(stripeSubscriptionId);
    await h.control('/test/decline-next-payment', { customer: String(subscription.customer) });
    await h.control(`/test/subscriptions/${stripeSubscriptionId}/renew`);
    const [failed] = await payments(token);
    expect(failed).toMatchObject({
      amountCents: 900,
      amountReceivedCents: 0,
      status: 'requires_payment_method',
    });

    const anonymous = await h.sg.graphql(PAYMENTS);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a partial refund takes back the same share of the grant, once; the plan stays', async () => {
    const { token, stripeSubscriptionId } = await subscribedPatient();
    const paymentIntent = await firstPaymentIntent(stripeSubscriptionId);
    await h.stripe.refunds.create({ payment_intent: paymentIntent, amount: 270 });
    await h.stripeServer.webhooks.idle();
    // 30% of 9.00 refunded: 30% of the 5.00 grant goes back.
    expect(await credits(token)).toBe(350);
    const [refunded] = (await h.stripe.events.list({ type: 'charge.refunded', limit: 1 })).data;
    expect((await redeliver(refunded!)).status).toBe(200);
    expect(await credits(token)).toBe(350);

    await h.stripe.refunds.create({ payment_intent: paymentIntent, amount: 270 });
    await h.stripeServer.webhooks.idle();
    expect(await credits(token)).toBe(200);
    expect((await payments(token))[0]).toMatchObject({ refundedCents: 540 });
    const subscription = await h.sg.graphql<{ mySubscription: { status: string } }>(
      '{ mySubscription { status } }',
      {},
      { token },
    );
    expect(subscription.body.data?.mySubscription.status).toBe('ACTIVE');
  });

  it('a partial refund after the credit was spent leaves it at zero, never below', async () => {
    const { token, userId, stripeSubscriptionId } = await subscribedPatient();
    const cost: DomainEvent<'analysis.cost.recorded'> = {
      id: randomUUID(),
      type: 'analysis.cost.recorded',
      source: 'analysis',
      occurredAt: new Date().toISOString(),
      traceId: null,
      payload: {
        kind: 'ANALYSIS',
        taskId: randomUUID(),
        userId,
        model: 'gpt-4o-mini',
        inputTokens: 1000,
        outputTokens: 200,
        costCents: 450,
        currency: 'usd',
        at: new Date().toISOString(),
      },
    };
    await publishTestEvent(h.sg, cost);
    await expect.poll(() => credits(token), { timeout: 10_000 }).toBe(50);
    await h.stripe.refunds.create({
      payment_intent: await firstPaymentIntent(stripeSubscriptionId),
      amount: 450,
    });
    await h.stripeServer.webhooks.idle();
    expect(await credits(token)).toBe(0);
    const [balance] = (await h.sg.dataSource.query(
      `SELECT balance_cents FROM billing_credit_balance WHERE user_id = $1`,
      [userId],
    )) as { balance_cents: number }[];
    expect(balance?.balance_cents).toBe(0);
  });
});
