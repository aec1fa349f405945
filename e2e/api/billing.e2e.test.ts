import { graphqlRequest } from '@holovitals/testing';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { signUpAndSignIn } from '../setup/gateway-session';

const stack = inject('stack');

async function subscriptionStatus(token: string): Promise<string | null> {
  const result = await graphqlRequest<{ mySubscription: { status: string; plan: string } | null }>(
    stack.gatewayUrl,
    '{ mySubscription { status plan } }',
    {},
    { token },
  );
  expect(result.body.errors).toBeUndefined();
  return result.body.data?.mySubscription?.status ?? null;
}

async function remainingCredits(token: string): Promise<number | undefined> {
  const usage = await graphqlRequest<{ usage: { remainingCredits: number } }>(
    stack.gatewayUrl,
    'query U($f: DateTime!, $t: DateTime!) { usage(from: $f, to: $t) { remainingCredits } }',
    {
      f: new Date(Date.now() - 86400_000).toISOString(),
      t: new Date(Date.now() + 86400_000).toISOString(),
    },
    { token },
  );
  return usage.body.data?.usage.remainingCredits;
}

describe('billing through the gateway', () => {
  let subscriber = '';

  it('checkout completes on the Stripe server and its webhook, through the gateway route, activates the plan', async () => {
    const token = (await signUpAndSignIn(stack.gatewayUrl, 'billing')).token;
    subscriber = token;
    const plans = await graphqlRequest<{ plans: { id: string }[] }>(stack.gatewayUrl, '{ plans { id } }');
    expect(plans.body.data?.plans.map((plan) => plan.id)).toContain('PLUS');

    const checkout = await graphqlRequest<{ createCheckoutSession: { url: string } }>(
      stack.gatewayUrl,
      'mutation { createCheckoutSession(plan: PLUS, interval: MONTH) { url } }',
      {},
      { token },
    );
    expect(checkout.body.errors).toBeUndefined();
    const url = checkout.body.data?.createCheckoutSession.url ?? '';
    expect(url.startsWith(`${stack.stripeServerUrl}/checkout/`)).toBe(true);
    expect(await subscriptionStatus(token)).toBeNull();

    const paid = await fetch(`${url}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'E2E Patient', card: '4242 4242 4242 4242' }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toMatch(/\/billing\?checkout=success/);

    const started = Date.now();
    let status: string | null = null;
    while (Date.now() - started < 15_000 && status !== 'ACTIVE') {
      status = await subscriptionStatus(token);
      if (status !== 'ACTIVE') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe('ACTIVE');
    process.stdout.write(
      `billing e2e: payment → plan ACTIVE through the gateway webhook route in ${Date.now() - started} ms\n`,
    );

    // invoice.paid (the period's credits) is its own delivery, right after the subscription's.
    await expect.poll(() => remainingCredits(token), { timeout: 10_000 }).toBe(500);
  });

  it('the gateway route passes forged webhooks to billing, which refuses them and changes nothing', async () => {
    expect(subscriber).not.toBe('');
    const gatewayOrigin = new URL(stack.gatewayUrl).origin;
    const send = (body: string, signature: string): Promise<Response> =>
      fetch(`${gatewayOrigin}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
      });
    const now = Math.floor(Date.now() / 1000);
    const garbage = JSON.stringify({
      id: `evt_forged_${randomBytes(4).toString('hex')}`,
      type: 'invoice.paid',
    });
    expect((await send(garbage, `t=${now},v1=00`)).status).toBe(400);
    // Well formed and properly HMAC-signed, but with a secret that is not the endpoint's.
    const deletion = JSON.stringify({
      id: `evt_forged_${randomBytes(4).toString('hex')}`,
      object: 'event',
      type: 'customer.subscription.deleted',
      created: now,
      data: { object: { id: 'sub_forged', object: 'subscription', status: 'canceled' } },
    });
    const wrongSecret = `whsec_${randomBytes(16).toString('hex')}`;
    const signature = createHmac('sha256', wrongSecret).update(`${now}.${deletion}`).digest('hex');
    expect((await send(deletion, `t=${now},v1=${signature}`)).status).toBe(400);
    expect(await subscriptionStatus(subscriber)).toBe('ACTIVE');
    expect(await remainingCredits(subscriber)).toBe(500);
  });
});
