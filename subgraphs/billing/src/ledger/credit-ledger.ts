import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The ledger's accounts: a user's spendable credit and the counter-accounts every movement balances against. */
export enum LedgerAccount {
  USER_CREDITS = 'USER_CREDITS',
  PLAN_GRANTS = 'PLAN_GRANTS',
  /** Model usage, analyses' and chat turns' alike (the rows' kind tells them apart). */
  ANALYSIS_USAGE = 'ANALYSIS_USAGE',
  GRANT_REVERSALS = 'GRANT_REVERSALS',
}

interface Posting {
  userId: string;
  /** What caused it (grant, usage, reversal); the reference makes a posting happen once. */
  kind: string;
  reference: string;
  /** Change to the user's credit, in cents; the counter-account gets the opposite. */
  userDelta: number;
  counterAccount: Exclude<LedgerAccount, LedgerAccount.USER_CREDITS>;
}

/**
 * Locks the user's balance row (created at zero on first use) for the rest of the transaction and returns it,
 * so concurrent postings for one user serialize and each sees the balance the previous one left.
 */
async function lockedBalance(manager: EntityManager, userId: string): Promise<number> {
  await manager.query(
    `INSERT INTO billing_credit_balance (user_id, balance_cents) VALUES ($1, 0) ON CONFLICT (user_id) DO NOTHING`,
    [userId],
  );
  const rows = (await manager.query(
    `SELECT balance_cents FROM billing_credit_balance WHERE user_id = $1 FOR UPDATE`,
    [userId],
  )) as { balance_cents: number }[];
  return rows[0]?.balance_cents ?? 0;
}

/**
 * Writes one double-entry transaction (two rows summing to zero) and moves the cached balance with it; the
 * balance's CHECK (>= 0) aborts the transaction rather than let credit go negative. Returns false when the
 * reference was already posted (a redelivered event or webhook), changing nothing.
 */
async function post(manager: EntityManager, posting: Posting): Promise<boolean> {
  const transactionId = randomUUID();
  const inserted = (await manager.query(
    `INSERT INTO billing_credit_ledger (transaction_id, user_id, account, amount_cents, kind, reference)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reference, account) DO NOTHING RETURNING id`,
    [
      transactionId,
      posting.userId,
      LedgerAccount.USER_CREDITS,
      posting.userDelta,
      posting.kind,
      posting.reference,
    ],
  )) as { id: string }[];
  if (inserted.length === 0) return false;
  await manager.query(
    `INSERT INTO billing_credit_ledger (transaction_id, user_id, account, amount_cents, kind, reference)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      transactionId,
      posting.userId,
      posting.counterAccount,
      -posting.userDelta,
      posting.kind,
      posting.reference,
    ],
  );
  await manager.query(
    `UPDATE billing_credit_balance SET balance_cents = balance_cents + $2 WHERE user_id = $1`,
    [posting.userId, posting.userDelta],
  );
  return true;
}

/** Adds a period's included credits (once per reference, e.g. the paid invoice). */
export async function grantCredits(
  manager: EntityManager,
  input: { userId: string; amountCents: number; reference: string },
): Promise<boolean> {
  if (input.amountCents <= 0) return false;
  await lockedBalance(manager, input.userId);
  return post(manager, {
    userId: input.userId,
    kind: 'PLAN_GRANT',
    reference: input.reference,
    userDelta: input.amountCents,
    counterAccount: LedgerAccount.PLAN_GRANTS,
  });
}

/**
 * Debits a cost from the user's credit, as far as the credit goes (never below zero); returns the cents covered.
 * The rest stays visible as spend not covered by credits.
 */
export async function debitUsage(
  manager: EntityManager,
  input: { userId: string; costCents: number; reference: string; kind: 'ANALYSIS_USAGE' | 'CHAT_USAGE' },
): Promise<number> {
  const balance = await lockedBalance(manager, input.userId);
  const covered = Math.min(balance, input.costCents);
  if (covered === 0) return 0;
  const posted = await post(manager, {
    userId: input.userId,
    kind: input.kind,
    reference: input.reference,
    userDelta: -covered,
    counterAccount: LedgerAccount.ANALYSIS_USAGE,
  });
  return posted ? covered : 0;
}

/** Takes back what remains of a refunded period's grant (up to the current balance); returns the cents reversed. */
export async function reverseGrant(
  manager: EntityManager,
  input: { userId: string; amountCents: number; reference: string },
): Promise<number> {
  const balance = await lockedBalance(manager, input.userId);
  const reversed = Math.min(balance, input.amountCents);
  if (reversed === 0) return 0;
  const posted = await post(manager, {
    userId: input.userId,
    kind: 'GRANT_REVERSAL',
    reference: input.reference,
    userDelta: -reversed,
    counterAccount: LedgerAccount.GRANT_REVERSALS,
  });
  return posted ? reversed : 0;
}

/** The user's remaining credit: the sum of their USER_CREDITS ledger rows (the cached balance mirrors it). */
export async function remainingCredits(manager: EntityManager, userId: string): Promise<number> {
  const rows = (await manager.query(
    `SELECT COALESCE(SUM(amount_cents), 0)::int AS total FROM billing_credit_ledger
     WHERE user_id = $1 AND account = 'USER_CREDITS'`,
    [userId],
  )) as { total: number }[];
  return rows[0]?.total ?? 0;
}
