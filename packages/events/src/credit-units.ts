/**
 * The one mapping from money to analysis credits, shared by the subgraph that prices model calls (analysis)
 * and the one that grants and debits credits (billing): a credit is one cent of CREDIT_CURRENCY.
 */
export const CREDIT_CURRENCY = 'usd';
export const CREDITS_PER_DOLLAR = 100;

/**
 * Whole credits for a dollar amount, rounded up so a call that cost anything is never free; rounded to a
 * millionth of a dollar first, so float noise (0.1 + 0.2) does not add a credit.
 */
export function creditsForDollars(dollars: number): number {
  return Math.ceil(Math.round(dollars * 1e6) / (1e6 / CREDITS_PER_DOLLAR));
}

/** A price per thousand tokens in dollars, as credits per thousand tokens (fractional: estimates add them up). */
export function creditsPerThousand(dollarsPerThousand: number): number {
  return dollarsPerThousand * CREDITS_PER_DOLLAR;
}
