import { CombinedGraphQLErrors } from '@apollo/client';
import { creditsText } from '../../format/money-text';

/** What the cost estimate says about an analysis (the fields of `estimateAnalysisCost` the page uses). */
export interface CostEstimate {
  analyzer: string;
  credits: number;
  basis: string;
}

/**
 * The estimate a person is asked to approve, copied when the step opens so that the request carries exactly the
 * figure they saw, even if the estimate on screen is fetched again meanwhile.
 */
export interface PendingApproval {
  estimate: CostEstimate;
  /** The figure approved before, when the server refused it because the estimate had gone up since. */
  raisedFrom: number | null;
}

/**
 * An AI-model analysis is approved first, even at 0 credits: it is the billable kind, and its request sends the
 * de-identified record to the model. The rule analyzer runs here and always costs nothing, so it goes straight.
 */
export function needsApproval(estimate: CostEstimate): boolean {
  return estimate.analyzer !== 'RULES' || estimate.credits > 0;
}

function refusalExtensions(error: unknown, reason: string): Record<string, unknown> | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  return error.errors.find((item) => item.extensions?.reason === reason)?.extensions ?? null;
}

/** The estimate the server holds now, when it refused a request for costing more than was approved; else null. */
export function raisedEstimate(error: unknown): number | null {
  const extensions = refusalExtensions(error, 'ESTIMATE_ABOVE_APPROVED');
  return typeof extensions?.estimatedCents === 'number' ? extensions.estimatedCents : null;
}

/**
 * Why the credit left does not cover the estimate, in the credits the estimate and the billing page show (the
 * refusal carries both figures); null for any other error.
 */
export function insufficientCreditsText(error: unknown): string | null {
  const extensions = refusalExtensions(error, 'INSUFFICIENT_CREDITS');
  const { estimatedCents: estimate, remainingCents: remaining } = extensions ?? {};
  if (typeof estimate !== 'number' || typeof remaining !== 'number') return null;
  return `This analysis is estimated at ${creditsText(estimate)} and you have ${creditsText(remaining)} left. Upgrade your plan on the Billing page, or wait for your next period’s credit.`;
}

/**
 * What to ask after a refusal: the estimate as fetched again, but never below the server's figure at the refusal
 * (a fresh read could race a record that is still being written).
 */
export function reapproval(approved: number, refusedAt: number, fresh: CostEstimate): PendingApproval {
  return { estimate: { ...fresh, credits: Math.max(fresh.credits, refusedAt) }, raisedFrom: approved };
}
