import { CombinedGraphQLErrors } from '@apollo/client';

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

/** The estimate the server holds now, when it refused a request for costing more than was approved; else null. */
export function raisedEstimate(error: unknown): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const item of error.errors) {
    const extensions = item.extensions ?? {};
    if (extensions.reason === 'ESTIMATE_ABOVE_APPROVED' && typeof extensions.estimatedCents === 'number')
      return extensions.estimatedCents;
  }
  return null;
}

/**
 * What to ask after a refusal: the estimate as fetched again, but never below the server's figure at the refusal
 * (a fresh read could race a record that is still being written).
 */
export function reapproval(approved: number, refusedAt: number, fresh: CostEstimate): PendingApproval {
  return { estimate: { ...fresh, credits: Math.max(fresh.credits, refusedAt) }, raisedFrom: approved };
}

/** Credits as people read them: at most two decimals, and a nonzero amount never shown as 0. */
export function creditsText(credits: number): string {
  if (credits > 0 && credits < 0.01) return 'less than 0.01';
  return String(Math.round(credits * 100) / 100);
}
