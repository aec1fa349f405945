import type { EventHandlers } from '@holovitals/events';
import { debitUsage } from '../ledger/credit-ledger';
import { CURRENCY } from '../plans/plan-catalog';
import { publishEntitlements } from '../subscriptions/entitlements';

/** Where each kind of model call is booked: its cost table, the column naming what ran, the ledger kind. */
const COST_BOOKS = {
  ANALYSIS: { table: 'billing_analysis_cost', subject: 'task_id', ledgerKind: 'ANALYSIS_USAGE' },
  CHAT: { table: 'billing_chat_cost', subject: 'interaction_id', ledgerKind: 'CHAT_USAGE' },
} as const;

/**
 * analysis.cost.recorded → one AnalysisCost (or, for a chat turn, ChatCost) row and a ledger debit, once per
 * event id (a redelivered event finds its row and changes nothing). Credits cover the cost as far as they go;
 * a cost in another currency is recorded but never debited (prices and credits are all in CURRENCY).
 */
export function analysisCostHandlers(): EventHandlers {
  return {
    'analysis.cost.recorded': async (event, manager) => {
      const cost = event.payload;
      const book = COST_BOOKS[cost.kind];
      const inserted = (await manager.query(
        `INSERT INTO ${book.table}
           (event_id, ${book.subject}, user_id, model, input_tokens, output_tokens, cost_cents, covered_cents, currency, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)
         ON CONFLICT (event_id) DO NOTHING RETURNING id`,
        [
          event.id,
          cost.taskId,
          cost.userId,
          cost.model,
          cost.inputTokens,
          cost.outputTokens,
          cost.costCents,
          cost.currency,
          cost.at,
        ],
      )) as { id: string }[];
      const row = inserted[0];
      if (!row || cost.currency !== CURRENCY) return;
      const covered = await debitUsage(manager, {
        userId: cost.userId,
        costCents: cost.costCents,
        reference: `usage:${event.id}`,
        kind: book.ledgerKind,
      });
      await manager.query(`UPDATE ${book.table} SET covered_cents = $2 WHERE id = $1`, [row.id, covered]);
      await publishEntitlements(manager, cost.userId, event.traceId);
    },
  };
}
