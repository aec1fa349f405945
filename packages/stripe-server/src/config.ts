import { loadConfig, port, runtimeSettings } from '@holovitals/config';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { z } from 'zod';

const defaultPort = SERVICE_REGISTRY.find((entry) => entry.name === 'stripe-server')?.port ?? 4207;

const stripeServerShape = {
  ...runtimeSettings,
  PORT: port.default(defaultPort),
  /** The origin browsers reach the hosted pages on; defaults to http://HOST:PORT. */
  STRIPE_SERVER_PUBLIC_URL: z.string().url().optional(),
  /** The secret key clients must send (Authorization: Bearer); Stripe test keys start with sk_test_. */
  STRIPE_SERVER_API_KEY: z
    .string()
    .regex(/^sk_test_\w{8,}$/, 'must look like sk_test_ followed by 8+ characters'),
  /** Where events are sent; without it the server keeps events (GET /v1/events) but sends none. */
  STRIPE_SERVER_WEBHOOK_URL: z.string().url().optional(),
  /** The endpoint's signing secret (whsec_…), shared with the receiver. */
  STRIPE_SERVER_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w{16,}$/, 'must look like whsec_ followed by 16+ characters'),
};

export type StripeServerConfig = ReturnType<typeof loadStripeServerConfig>;

export function loadStripeServerConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig('stripe-server', stripeServerShape, env);
}
