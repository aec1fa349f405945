import type { DomainEvent } from '@holovitals/events';
import { stripeSignature } from '@holovitals/stripe-server';
import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockExpiredGracePeriods } from '../src/subscriptions/subscription-sync';
import { APP_ORIGIN, type BillingTestStack, payCheckout, startBillingTestStack } from './billing-test-stack';

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
const MY_SUBSCRIPTION = `{ mySubscription { id plan interval status cancelAtPeriodEnd currentPeriodEnd pastDueSince graceEndsAt } }`;
const USAGE = `query Usage($from: DateTime!, $to: DateTime!) {
  usage(from: $from, to: $to) { spentCents coveredCents grantedCents remainingCredits costs { taskId costCents coveredCents } }
}`;

interface Subscription {
  id: string;
  plan: string;
  interval: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string;
  pastDueSince: string | null;
  graceEndsAt: string | null;
}

async function mySubscription(token: string): Promise<Subscription | null> {
  const result = await h.sg.graphql<{ mySubscription: Subscription | null }>(MY_SUBSCRIPTION, {}, { token });
  expect(result.body.errors).toBeUndefined();
  return result.body.data?.mySubscription ?? null;
}

async function usage(
  token: string,
): Promise<{ remainingCredits: number; spentCents: number; coveredCents: number; grantedCents: number }> {
  const result = await h.sg.graphql<{
    usage: { remainingCredits: number; spentCents: number; coveredCents: number; grantedCents: number };
  }>(
    USAGE,
    {
      from: new Date(Date.now() - 30 * 86400_000).toISOString(),
      to: new Date(Date.now() + 300 * 86400_000).toISOString(),
    },
    { token },
  );
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.usage;
}

async function historyCount(): Promise<number> {
  const [row] = (await h.sg.dataSource.query(
    `SELECT count(*)::int AS n FROM billing_subscription_history`,
  )) as {
    n: number;
  }[];
  return row?.n ?? 0;
}

/** Subscribes a new patient to Plus monthly through checkout and the webhook; returns their token and ids. */
async function subscribedPatient(): Promise<{ token: string; userId: string; stripeSubscriptionId: string }> {
  const userId = randomUUID();
  const token = await h.patientToken(userId);
  const checkout = await h.sg.graphql<{ createCheckoutSession: { id: string; url: string } }>(
    CHECKOUT,
    { plan: 'PLUS', interval: 'MONTH' },
    { token },
  );
  expect(checkout.body.errors).toBeUndefined();
  const paid = await payCheckout(checkout.body.data!.createCheckoutSession.url);
  expect(paid.status).toBe(303);
  await h.stripeServer.webhooks.idle();
  const session = await h.stripe.checkout.sessions.retrieve(checkout.body.data!.createCheckoutSession.id);
  return { token, userId, stripeSubscriptionId: String(session.subscription) };
}

describe('billing: plans and checkout', () => {
  it('lists the catalog without signing in', async () => {
    const result = await h.sg.graphql<{
      plans: { id: string; prices: { interval: string; amountCents: number }[] }[];
    }>('{ plans { id prices { interval amountCents } } }');
    expect(result.body.data?.plans.map((plan) => plan.id)).toEqual(['FREE', 'PLUS', 'FAMILY', 'CLINIC']);
    expect(result.body.data?.plans[1]?.prices).toEqual([
      { interval: 'MONTH', amountCents: 900 },
      { interval: 'YEAR', amountCents: 9000 },
    ]);
  });

  it('refuses an unknown plan and the Free plan with BAD_USER_INPUT, and anonymous callers', async () => {
    const token = await h.patientToken();
    const unknown = await h.sg.graphql(CHECKOUT, { plan: 'GOLD', interval: 'MONTH' }, { token });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const free = await h.sg.graphql(CHECKOUT, { plan: 'FREE', interval: 'MONTH' }, { token });
    expect(free.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await h.sg.graphql(CHECKOUT, { plan: 'PLUS', interval: 'MONTH' });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('returns the same open session to a double submit, also when both arrive at once', async () => {
    const token = await h.patientToken();
    const [first, second] = await Promise.all([
      h.sg.graphql<{ createCheckoutSession: { id: string } }>(
        CHECKOUT,
        { plan: 'FAMILY', interval: 'YEAR' },
        { token },
      ),
      h.sg.graphql<{ createCheckoutSession: { id: string } }>(
        CHECKOUT,
        { plan: 'FAMILY', interval: 'YEAR' },
        { token },
      ),
    ]);
    expect(first.body.errors).toBeUndefined();
    expect(second.body.data?.createCheckoutSession.id).toBe(first.body.data?.createCheckoutSession.id);
    const other = await h.sg.graphql<{ createCheckoutSession: { id: string } }>(
      CHECKOUT,
      { plan: 'FAMILY', interval: 'MONTH' },
      { token },
    );
    expect(other.body.data?.createCheckoutSession.id).not.toBe(first.body.data?.createCheckoutSession.id);
  });

  it('checkout → webhook → active: plan, credits, invoice, card and an entitlements event', async () => {
    const { token, userId } = await subscribedPatient();
    expect(await mySubscription(token)).toMatchObject({ plan: 'PLUS', interval: 'MONTH', status: 'ACTIVE' });
    expect(await usage(token)).toMatchObject({ remainingCredits: 500, grantedCents: 500 });
    const invoices = await h.sg.graphql<{ invoices: { nodes: { amountPaid: number; status: string }[] } }>(
      '{ invoices(first: 10) { nodes { amountPaid status } hasNextPage } }',
      {},
      { token },
    );
    expect(invoices.body.data?.invoices.nodes).toEqual([{ amountPaid: 900, status: 'paid' }]);
    const cards = await h.sg.graphql<{ paymentMethods: { last4: string; isDefault: boolean }[] }>(
      '{ paymentMethods { last4 isDefault } }',
      {},
      { token },
    );
    expect(cards.body.data?.paymentMethods).toEqual([{ last4: '4242', isDefault: true }]);
    const events = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'billing.entitlements.changed' AND payload->>'userId' = $1
       ORDER BY occurred_at DESC LIMIT 1`,
      [userId],
    )) as { payload: { plan: string; status: string; features: string[]; credits: number } }[];
    expect(events[0]?.payload).toMatchObject({ plan: 'PLUS', status: 'ACTIVE', credits: 500 });
    expect(events[0]?.payload.features).toContain('AI_ANALYSIS');
    const again = await h.sg.graphql(CHECKOUT, { plan: 'PLUS', interval: 'YEAR' }, { token });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const portal = await h.sg.graphql<{ createPortalSession: { url: string } }>(
      'mutation { createPortalSession { url } }',
      {},
      { token },
    );
    expect(portal.body.data?.createPortalSession.url).toMatch(
      new RegExp(`^${h.stripeServer.origin}/portal/`),
    );
    expect(APP_ORIGIN).toBe('http://app.holovitals.test');
  });
});

describe('billing: the subscription’s life', () => {
  it('renews: a new period, a second invoice and the period’s credits', async () => {
    const { token, stripeSubscriptionId } = await subscribedPatient();
    const before = await mySubscription(token);
    await h.control(`/test/subscriptions/${stripeSubscriptionId}/renew`);
    const after = await mySubscription(token);
    expect(after?.status).toBe('ACTIVE');
    expect(new Date(after!.currentPeriodEnd).getTime()).toBeGreaterThan(
      new Date(before!.currentPeriodEnd).getTime(),
    );
    expect(await usage(token)).toMatchObject({ remainingCredits: 1000 });
  });

  it('payment failure → past_due (grace) → locked after the grace period, with entitlements published', async () => {
    const { token, userId, stripeSubscriptionId } = await subscribedPatient();
    const subscription = await h.stripe.subscriptions.retrieve(stripeSubscriptionId);
    await h.control('/test/decline-next-payment', { customer: String(subscription.customer) });
    await h.control(`/test/subscriptions/${stripeSubscriptionId}/renew`);
    const pastDue = await mySubscription(token);
    expect(pastDue).toMatchObject({ status: 'PAST_DUE' });
    expect(new Date(pastDue!.graceEndsAt!).getTime() - new Date(pastDue!.pastDueSince!).getTime()).toBe(
      7 * 86400_000,
    );

    const locked = await h.sg.dataSource.transaction((manager) =>
      lockExpiredGracePeriods(manager, new Date(Date.now() + 8 * 86400_000), 7),
    );
    expect(locked).toBeGreaterThanOrEqual(1);
    expect(await mySubscription(token)).toMatchObject({ status: 'LOCKED' });
    const [event] = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'billing.entitlements.changed' AND payload->>'userId' = $1
       ORDER BY occurred_at DESC LIMIT 1`,
      [userId],
    )) as { payload: { status: string; features: string[] } }[];
    expect(event?.payload.status).toBe('LOCKED');
    expect(event?.payload.features).not.toContain('AI_ANALYSIS');

    const open = (await h.stripe.invoices.list({ customer: String(subscription.customer) })).data.find(
      (invoice) => invoice.status === 'open',
    );
    await h.stripe.invoices.pay(open!.id);
    await h.stripeServer.webhooks.idle();
    expect(await mySubscription(token)).toMatchObject({ status: 'ACTIVE', pastDueSince: null });
  });

  it('cancels at period end: still active until then, canceled after', async () => {
    const { token, stripeSubscriptionId } = await subscribedPatient();
    const canceled = await h.sg.graphql<{
      cancelSubscription: { status: string; cancelAtPeriodEnd: boolean };
    }>('mutation { cancelSubscription { status cancelAtPeriodEnd } }', {}, { token });
    expect(canceled.body.data?.cancelSubscription).toEqual({ status: 'ACTIVE', cancelAtPeriodEnd: true });
    await h.stripeServer.webhooks.idle();
    await h.control(`/test/subscriptions/${stripeSubscriptionId}/renew`);
    expect(await mySubscription(token)).toMatchObject({ status: 'CANCELED' });
    const again = await h.sg.graphql('mutation { cancelSubscription { status } }', {}, { token });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a full refund records the refund, takes the period’s credits back and ends the subscription', async () => {
    const { token, stripeSubscriptionId } = await subscribedPatient();
    const subscription = await h.stripe.subscriptions.retrieve(stripeSubscriptionId);
    const [invoice] = (await h.stripe.invoices.list({ customer: String(subscription.customer) })).data;
    await h.stripe.refunds.create({
      payment_intent: String(invoice?.payments?.data[0]?.payment.payment_intent),
    });
    await h.stripeServer.webhooks.idle();
    expect(await mySubscription(token)).toMatchObject({ status: 'CANCELED' });
    expect(await usage(token)).toMatchObject({ remainingCredits: 0 });
    const invoices = await h.sg.graphql<{ invoices: { nodes: { amountRefunded: number }[] } }>(
      '{ invoices(first: 5) { nodes { amountRefunded } } }',
      {},
      { token },
    );
    expect(invoices.body.data?.invoices.nodes[0]?.amountRefunded).toBe(900);
  });
});

describe('billing: webhook security', () => {
  async function deliver(body: string, signature: string): Promise<Response> {
    return fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body,
    });
  }

  it('replayed, forged and stale deliveries change nothing', async () => {
    const { stripeSubscriptionId } = await subscribedPatient();
    await h.stripe.subscriptions.update(stripeSubscriptionId, { cancel_at_period_end: true });
    await h.stripeServer.webhooks.idle();
    const [delivered] = (await h.stripe.events.list({ type: 'customer.subscription.updated', limit: 1 }))
      .data;
    const body = JSON.stringify(delivered);
    const now = Math.floor(Date.now() / 1000);
    const history = await historyCount();

    const replay = await deliver(body, stripeSignature(body, h.webhookSecret, now));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ result: 'duplicate' });

    const forgedEvent = JSON.stringify({ ...delivered, id: `evt_forged_${randomUUID()}` });
    const forged = await deliver(
      forgedEvent,
      stripeSignature(forgedEvent, 'whsec_notthesecretatall0000', now),
    );
    expect(forged.status).toBe(400);
    const unsigned = await deliver(forgedEvent, '');
    expect(unsigned.status).toBe(400);

    const staleEvent = JSON.stringify({ ...delivered, id: `evt_stale_${randomUUID()}` });
    const stale = await deliver(staleEvent, stripeSignature(staleEvent, h.webhookSecret, now - 301));
    expect(stale.status).toBe(400);

    expect(await historyCount()).toBe(history);
    const [processed] = (await h.sg.dataSource.query(
      `SELECT count(*)::int AS n FROM billing_processed_webhook_event WHERE stripe_event_id LIKE 'evt_forged_%' OR stripe_event_id LIKE 'evt_stale_%'`,
    )) as { n: number }[];
    expect(processed?.n).toBe(0);
  });

  it('an out-of-order delivery (an old event after a newer one) leaves the current state', async () => {
    const { token, stripeSubscriptionId } = await subscribedPatient();
    const [created] = (await h.stripe.events.list({ type: 'customer.subscription.created', limit: 1 })).data;
    await h.stripe.subscriptions.update(stripeSubscriptionId, { cancel_at_period_end: true });
    await h.stripeServer.webhooks.idle();
    // Delivered again under a new id, as if Stripe's first attempt had been delayed past the update.
    const late = JSON.stringify({ ...created, id: `evt_late_${randomUUID()}` });
    const response = await deliver(
      late,
      stripeSignature(late, h.webhookSecret, Math.floor(Date.now() / 1000)),
    );
    expect(response.status).toBe(200);
    expect(await mySubscription(token)).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: true });
  });
});

describe('billing: analysis costs and the credit ledger', () => {
  function costEvent(
    userId: string,
    costCents: number,
    currency = 'usd',
    kind: 'ANALYSIS' | 'CHAT' = 'ANALYSIS',
  ): DomainEvent<'analysis.cost.recorded'> {
    return {
      id: randomUUID(),
      type: 'analysis.cost.recorded',
      source: 'analysis',
      occurredAt: new Date().toISOString(),
      traceId: null,
      payload: {
        kind,
        taskId: randomUUID(),
        userId,
        model: 'gpt-4o-mini',
        inputTokens: 1200,
        outputTokens: 300,
        costCents,
        currency,
        at: new Date().toISOString(),
      },
    };
  }

  async function costsStored(userId: string, count: number, table = 'billing_analysis_cost'): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const [row] = (await h.sg.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`,
        [userId],
      )) as { n: number }[];
      if ((row?.n ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`expected ${count} rows in ${table} for ${userId}`);
  }

  it('books chat turns as ChatCost apart from analyses, debits them from the same credit, and lists both in usage', async () => {
    const { token, userId } = await subscribedPatient();
    const chat = costEvent(userId, 30, 'usd', 'CHAT');
    await publishTestEvent(h.sg, chat);
    await publishTestEvent(h.sg, chat);
    await publishTestEvent(h.sg, costEvent(userId, 120));
    await costsStored(userId, 1, 'billing_chat_cost');
    await costsStored(userId, 1);
    const result = await h.sg.graphql<{
      usage: {
        spentCents: number;
        coveredCents: number;
        remainingCredits: number;
        costs: { taskId: string; costCents: number }[];
        chatCosts: { interactionId: string; model: string; costCents: number; coveredCents: number }[];
      };
    }>(
      `query Usage($from: DateTime!, $to: DateTime!) {
        usage(from: $from, to: $to) {
          spentCents coveredCents remainingCredits
          costs { taskId costCents }
          chatCosts { interactionId model costCents coveredCents }
        }
      }`,
      {
        from: new Date(Date.now() - 86400_000).toISOString(),
        to: new Date(Date.now() + 86400_000).toISOString(),
      },
      { token },
    );
    expect(result.body.errors).toBeUndefined();
    const summary = result.body.data!.usage;
    expect(summary).toMatchObject({ spentCents: 150, coveredCents: 150, remainingCredits: 350 });
    expect(summary.costs).toEqual([{ taskId: expect.any(String), costCents: 120 }]);
    expect(summary.chatCosts).toEqual([
      { interactionId: chat.payload.taskId, model: 'gpt-4o-mini', costCents: 30, coveredCents: 30 },
    ]);
    const kinds = (await h.sg.dataSource.query(
      `SELECT kind, SUM(amount_cents)::int AS total FROM billing_credit_ledger
       WHERE user_id = $1 AND account = 'USER_CREDITS' AND kind <> 'PLAN_GRANT' GROUP BY kind ORDER BY kind`,
      [userId],
    )) as { kind: string; total: number }[];
    expect(kinds).toEqual([
      { kind: 'ANALYSIS_USAGE', total: -120 },
      { kind: 'CHAT_USAGE', total: -30 },
    ]);
  });

  it('debits each cost once, never below zero, and usage is the ledger’s sum', async () => {
    const { token, userId } = await subscribedPatient();
    const first = costEvent(userId, 320);
    await publishTestEvent(h.sg, first);
    await publishTestEvent(h.sg, first);
    await publishTestEvent(h.sg, costEvent(userId, 400));
    await publishTestEvent(h.sg, costEvent(userId, 50, 'eur'));
    await costsStored(userId, 3);
    expect(await usage(token)).toMatchObject({ spentCents: 770, coveredCents: 500, remainingCredits: 0 });
    const [ledger] = (await h.sg.dataSource.query(
      `SELECT COALESCE(SUM(amount_cents), 0)::int AS total, count(DISTINCT transaction_id)::int AS transactions
       FROM billing_credit_ledger WHERE user_id = $1`,
      [userId],
    )) as { total: number; transactions: number }[];
    expect(ledger).toEqual({ total: 0, transactions: 3 });
    await expect(
      h.sg.dataSource.query(
        `UPDATE billing_credit_balance SET balance_cents = balance_cents - 1 WHERE user_id = $1`,
        [userId],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('drops a cost event that analysis did not sign', async () => {
    const userId = randomUUID();
    await publishTestEvent(h.sg, { ...costEvent(userId, 100), source: 'billing' }, { signer: 'billing' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [row] = (await h.sg.dataSource.query(
      `SELECT count(*)::int AS n FROM billing_analysis_cost WHERE user_id = $1`,
      [userId],
    )) as { n: number }[];
    expect(row?.n).toBe(0);
  });
});

describe('billing: model costs of document extraction', () => {
  it('debits document.cost.recorded once like an analysis cost, and only when documents signed it', async () => {
    const { token, userId } = await subscribedPatient();
    const documentId = randomUUID();
    const cost: DomainEvent<'document.cost.recorded'> = {
      id: randomUUID(),
      type: 'document.cost.recorded',
      source: 'documents',
      occurredAt: new Date().toISOString(),
      traceId: null,
      payload: {
        documentId,
        userId,
        model: 'holovitals-local',
        inputTokens: 900,
        outputTokens: 200,
        costCents: 7,
        currency: 'usd',
        at: new Date().toISOString(),
      },
    };
    const before = await usage(token);
    await publishTestEvent(h.sg, { ...cost, id: randomUUID(), source: 'analysis' }, { signer: 'analysis' });
    await publishTestEvent(h.sg, cost);
    await publishTestEvent(h.sg, cost);
    let rows: { task_id: string; cost_cents: number }[] = [];
    for (let attempt = 0; attempt < 100 && rows.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = (await h.sg.dataSource.query(
        `SELECT task_id, cost_cents FROM billing_analysis_cost WHERE user_id = $1`,
        [userId],
      )) as { task_id: string; cost_cents: number }[];
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rows = (await h.sg.dataSource.query(
      `SELECT task_id, cost_cents FROM billing_analysis_cost WHERE user_id = $1`,
      [userId],
    )) as { task_id: string; cost_cents: number }[];
    expect(rows).toEqual([{ task_id: documentId, cost_cents: 7 }]);
    expect((await usage(token)).spentCents).toBe(before.spentCents + 7);
  });
});

describe('billing: administrators', () => {
  it('reports revenue to ADMIN only', async () => {
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 400 * 86400_000 - 86400_000 * 2).toISOString();
    const query = `query R($from: DateTime!, $to: DateTime!) { revenueReport(from: $from, to: $to) { grossCents refundedCents netCents paidInvoices byPlan { plan grossCents } } }`;
    const denied = await h.sg.graphql(query, { from, to }, { token: await h.patientToken() });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await h.issuer.token({ sub: randomUUID(), roles: ['ADMIN'] as never });
    const report = await h.sg.graphql<{
      revenueReport: { grossCents: number; netCents: number; refundedCents: number };
    }>(query, { from, to }, { token: admin });
    expect(report.body.errors).toBeUndefined();
    expect(report.body.data?.revenueReport.grossCents).toBeGreaterThan(0);
    expect(report.body.data!.revenueReport.netCents).toBe(
      report.body.data!.revenueReport.grossCents - report.body.data!.revenueReport.refundedCents,
    );
  });
});
