import { CREDIT_CURRENCY } from '@holovitals/events';
import { registerEnumType } from 'type-graphql';

/** The plans HoloVitals sells. */
export enum PlanId {
  FREE = 'FREE',
  PLUS = 'PLUS',
  FAMILY = 'FAMILY',
  CLINIC = 'CLINIC',
}

export enum BillingInterval {
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}

registerEnumType(PlanId, {
  name: 'PlanId',
  description: 'A plan of the catalog.',
  valuesConfig: {
    FREE: {
      description:
        'No subscription: the record, documents and the rule-based care-gap analysis (no AI model).',
    },
    PLUS: { description: 'One person: more analysis credits, AI chat, priority processing.' },
    FAMILY: { description: 'Up to five linked family members share the credits.' },
    CLINIC: { description: 'A practice: clinician seats, bulk import, the largest credit allowance.' },
  },
});
registerEnumType(BillingInterval, {
  name: 'BillingInterval',
  description: 'How often a subscription is billed.',
  valuesConfig: {
    MONTH: { description: 'Billed every month.' },
    YEAR: { description: 'Billed once a year (two months free).' },
  },
});

/** What a plan unlocks; subgraphs that gate features read them from billing.entitlements.changed. */
export const FEATURES = [
  'HEALTH_RECORD',
  'DOCUMENT_UPLOAD',
  'AI_ANALYSIS',
  'AI_CHAT',
  'PRIORITY_PROCESSING',
  'FAMILY_MEMBERS',
  'CLINICIAN_SEATS',
  'BULK_IMPORT',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface PlanDefinition {
  id: PlanId;
  name: string;
  description: string;
  /** Price per interval in cents of CURRENCY; FREE has none and needs no checkout. */
  prices: Record<BillingInterval, number> | null;
  /** Analysis credit (in cents of spend) granted each billing period; FREE's is granted monthly on request. */
  includedCreditsCents: Record<BillingInterval, number>;
  features: readonly Feature[];
}

/**
 * Every price is in the credits' currency (a credit is one cent of it), so plans' included credits and model
 * costs add up; a Stripe object in another currency is refused, never mixed.
 */
export const CURRENCY = CREDIT_CURRENCY;

/**
 * The one price model. Stripe's products and prices are synced from it at start (by lookup key), the web
 * app reads it through `plans`, and entitlements are computed from it.
 */
export const PLAN_CATALOG: readonly PlanDefinition[] = [
  {
    id: PlanId.FREE,
    name: 'Free',
    description: 'Your health record and documents, with rule-based care-gap analysis (no AI model).',
    prices: null,
    includedCreditsCents: { MONTH: 0, YEAR: 0 },
    features: ['HEALTH_RECORD', 'DOCUMENT_UPLOAD'],
  },
  {
    id: PlanId.PLUS,
    name: 'Plus',
    description: 'AI analysis and chat about your own record.',
    prices: { MONTH: 900, YEAR: 9000 },
    includedCreditsCents: { MONTH: 500, YEAR: 6000 },
    features: ['HEALTH_RECORD', 'DOCUMENT_UPLOAD', 'AI_ANALYSIS', 'AI_CHAT'],
  },
  {
    id: PlanId.FAMILY,
    name: 'Family',
    description: 'Plus for up to five family members, with shared credits.',
    prices: { MONTH: 1900, YEAR: 19000 },
    includedCreditsCents: { MONTH: 1500, YEAR: 18000 },
    features: ['HEALTH_RECORD', 'DOCUMENT_UPLOAD', 'AI_ANALYSIS', 'AI_CHAT', 'FAMILY_MEMBERS'],
  },
  {
    id: PlanId.CLINIC,
    name: 'Clinic',
    description: 'For practices: clinician seats, bulk import and priority processing.',
    prices: { MONTH: 9900, YEAR: 99000 },
    includedCreditsCents: { MONTH: 10000, YEAR: 120000 },
    features: [
      'HEALTH_RECORD',
      'DOCUMENT_UPLOAD',
      'AI_ANALYSIS',
      'AI_CHAT',
      'PRIORITY_PROCESSING',
      'CLINICIAN_SEATS',
      'BULK_IMPORT',
    ],
  },
];

export function planDefinition(id: PlanId): PlanDefinition {
  const plan = PLAN_CATALOG.find((candidate) => candidate.id === id);
  if (!plan) throw new Error(`Plan ${id} is missing from PLAN_CATALOG`);
  return plan;
}

/** The Stripe price lookup key of a plan and interval, e.g. `holovitals_plus_month`. */
export function priceLookupKey(plan: PlanId, interval: BillingInterval): string {
  return `holovitals_${plan.toLowerCase()}_${interval.toLowerCase()}`;
}

/** The plan and interval a Stripe price's lookup key names; null for a price that is not ours. */
export function planForLookupKey(
  lookupKey: string | null,
): { plan: PlanId; interval: BillingInterval } | null {
  for (const plan of PLAN_CATALOG) {
    if (!plan.prices) continue;
    for (const interval of Object.values(BillingInterval))
      if (priceLookupKey(plan.id, interval) === lookupKey) return { plan: plan.id, interval };
  }
  return null;
}
