import { z } from 'zod';

/** Shared by billing (mySubscription is right between sweeps) and billing-worker (the sweep). */
const graceDaysSetting = {
  /** Days a past_due subscription keeps its features before they lock. */
  BILLING_GRACE_DAYS: z.coerce.number().min(0).max(60).default(7),
};

/** billing-worker's settings for the grace sweep. */
export const graceSweepSettings = {
  ...graceDaysSetting,
  /** How often billing-worker looks for expired grace periods (a repeatable job). */
  BILLING_GRACE_SWEEP_MS: z.coerce.number().int().min(1_000).default(60_000),
};

export const billingConfig = {
  /** Stripe secret key (sk_…); with STRIPE_API_URL unset the SDK talks to api.stripe.com. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^sk_(test|live)_\w{8,}$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)'),
  /** The webhook endpoint's signing secret (whsec_…). */
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w{16,}$/, 'must be a Stripe webhook secret (whsec_…)'),
  /** Where the Stripe API is (the local stripe-server in tests and demo mode); unset means Stripe itself. */
  STRIPE_API_URL: z.string().url().optional(),
  /** Signed webhooks older than this are refused (replay protection). */
  BILLING_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().max(3600).default(300),
  ...graceDaysSetting,
  /** The web app's origin: checkout and the portal send the user back to pages under it. */
  BILLING_APP_ORIGIN: z
    .string()
    .url()
    .transform((value) => new URL(value).origin)
    .default('http://localhost:3000'),
};

export type BillingConfig = z.infer<z.ZodObject<typeof billingConfig>>;
