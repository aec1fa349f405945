import type { DataSource } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { AnalysisCostEntity } from '../entities/analysis-cost.entity';
import { ChatCostEntity } from '../entities/chat-cost.entity';
import { remainingCredits } from '../ledger/credit-ledger';

const MAX_RANGE_DAYS = 400;
const MAX_COSTS = 500;

export function checkRange(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
    throw new BillingError(BillingErrorCode.INVALID_RANGE, '`from` must be before `to`.');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 24 * 3600 * 1000)
    throw new BillingError(
      BillingErrorCode.INVALID_RANGE,
      `A range may span at most ${MAX_RANGE_DAYS} days.`,
    );
}

export interface UsageSummary {
  spentCents: number;
  coveredCents: number;
  grantedCents: number;
  remainingCredits: number;
  costs: AnalysisCostEntity[];
  chatCosts: ChatCostEntity[];
}

/**
 * What the user spent in [from, to) and what credit they have: spend from the recorded costs (analyses and chat
 * turns), grants and the remaining credit from the ledger's sums (never a counter kept elsewhere).
 */
export async function usageSummary(
  dataSource: DataSource,
  userId: string,
  from: Date,
  to: Date,
): Promise<UsageSummary> {
  checkRange(from, to);
  const [totals] = (await dataSource.query(
    `SELECT COALESCE(SUM(cost_cents), 0)::int AS spent, COALESCE(SUM(covered_cents), 0)::int AS covered
     FROM (SELECT cost_cents, covered_cents FROM billing_analysis_cost WHERE user_id = $1 AND at >= $2 AND at < $3
           UNION ALL
           SELECT cost_cents, covered_cents FROM billing_chat_cost WHERE user_id = $1 AND at >= $2 AND at < $3) costs`,
    [userId, from, to],
  )) as { spent: number; covered: number }[];
  const [grants] = (await dataSource.query(
    `SELECT COALESCE(SUM(amount_cents), 0)::int AS granted FROM billing_credit_ledger
     WHERE user_id = $1 AND account = 'USER_CREDITS' AND kind = 'PLAN_GRANT' AND at >= $2 AND at < $3`,
    [userId, from, to],
  )) as { granted: number }[];
  const costs = await dataSource
    .getRepository(AnalysisCostEntity)
    .createQueryBuilder('cost')
    .where('cost.user_id = :userId AND cost.at >= :from AND cost.at < :to', { userId, from, to })
    .orderBy('cost.at', 'DESC')
    .take(MAX_COSTS)
    .getMany();
  const chatCosts = await dataSource
    .getRepository(ChatCostEntity)
    .createQueryBuilder('cost')
    .where('cost.user_id = :userId AND cost.at >= :from AND cost.at < :to', { userId, from, to })
    .orderBy('cost.at', 'DESC')
    .take(MAX_COSTS)
    .getMany();
  return {
    spentCents: totals?.spent ?? 0,
    coveredCents: totals?.covered ?? 0,
    grantedCents: grants?.granted ?? 0,
    remainingCredits: await remainingCredits(dataSource.manager, userId),
    costs,
    chatCosts,
  };
}

export interface RevenueSummary {
  grossCents: number;
  refundedCents: number;
  netCents: number;
  paidInvoices: number;
  analysisCostCents: number;
  byPlan: { plan: string; grossCents: number; paidInvoices: number }[];
}

/** Revenue from paid invoices issued in [from, to), refunds, and what model calls (analyses, chat) cost then. */
export async function revenueSummary(dataSource: DataSource, from: Date, to: Date): Promise<RevenueSummary> {
  checkRange(from, to);
  const byPlan = (await dataSource.query(
    `SELECT plan, SUM(amount_paid)::int AS gross, SUM(amount_refunded)::int AS refunded, COUNT(*)::int AS paid
     FROM billing_invoice WHERE status = 'paid' AND created_at >= $1 AND created_at < $2
     GROUP BY plan ORDER BY plan`,
    [from, to],
  )) as { plan: string; gross: number; refunded: number; paid: number }[];
  const [costs] = (await dataSource.query(
    `SELECT COALESCE(SUM(cost_cents), 0)::int AS cost
     FROM (SELECT cost_cents FROM billing_analysis_cost WHERE at >= $1 AND at < $2
           UNION ALL
           SELECT cost_cents FROM billing_chat_cost WHERE at >= $1 AND at < $2) costs`,
    [from, to],
  )) as { cost: number }[];
  const grossCents = byPlan.reduce((sum, row) => sum + row.gross, 0);
  const refundedCents = byPlan.reduce((sum, row) => sum + row.refunded, 0);
  return {
    grossCents,
    refundedCents,
    netCents: grossCents - refundedCents,
    paidInvoices: byPlan.reduce((sum, row) => sum + row.paid, 0),
    analysisCostCents: costs?.cost ?? 0,
    byPlan: byPlan.map((row) => ({ plan: row.plan, grossCents: row.gross, paidInvoices: row.paid })),
  };
}
