import { Role } from '@holovitals/subgraph-kit';
import {
  loadStripeServerConfig,
  type RunningStripeServer,
  startStripeServer,
} from '@holovitals/stripe-server';
import {
  freePort,
  startTestIssuer,
  startTestSubgraph,
  testEventSigningKey,
  type TestIssuer,
  type TestSubgraph,
} from '@holovitals/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { billingSubgraph } from '../src/subgraph';

export const APP_ORIGIN = 'http://app.holovitals.test';

export interface BillingTestStack {
  stripeServer: RunningStripeServer;
  stripe: Stripe;
  apiKey: string;
  webhookSecret: string;
  issuer: TestIssuer;
  sg: TestSubgraph;
  webhookUrl: string;
  patientToken(userId?: string): Promise<string>;
  /** A `/test/*` control of the Stripe server (renew, decline-next-payment, advance-clock). */
  control(path: string, form?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Stripe server (sending its webhooks straight to billing's route) and the billing subgraph over its own
 * database, as the real process runs them; analysis' event key exists so billing accepts its cost events.
 */
export async function startBillingTestStack(env: Record<string, string> = {}): Promise<BillingTestStack> {
  testEventSigningKey('analysis');
  const apiKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const billingPort = await freePort();
  const webhookUrl = `http://127.0.0.1:${billingPort}/webhooks/stripe`;
  const stripeServer = await startStripeServer(
    loadStripeServerConfig({
      PORT: '0',
      STRIPE_SERVER_API_KEY: apiKey,
      STRIPE_SERVER_WEBHOOK_SECRET: webhookSecret,
      STRIPE_SERVER_WEBHOOK_URL: webhookUrl,
    }),
  );
  const issuer = await startTestIssuer();
  const sg = await startTestSubgraph(billingSubgraph, {
    issuer,
    port: billingPort,
    env: {
      STRIPE_SECRET_KEY: apiKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: stripeServer.origin,
      BILLING_APP_ORIGIN: APP_ORIGIN,
      ...env,
    },
  });
  const stripe = new Stripe(apiKey, { host: '127.0.0.1', port: stripeServer.port, protocol: 'http' });
  return {
    stripeServer,
    stripe,
    apiKey,
    webhookSecret,
    issuer,
    sg,
    webhookUrl,
    patientToken: (userId = randomUUID()) => issuer.token({ sub: userId, roles: [Role.PATIENT] }),
    control: async (path, form = {}) => {
      const response = await fetch(`${stripeServer.origin}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await stripeServer.webhooks.idle();
    },
    stop: async () => {
      await sg.stop();
      await issuer.stop();
      await stripeServer.stop();
    },
  };
}

/** What the browser does on the hosted checkout page: press Pay with a working card. */
export async function payCheckout(url: string, card = '4242 4242 4242 4242'): Promise<Response> {
  return fetch(`${url}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: 'Demo Patient', card }),
    redirect: 'manual',
  });
}
