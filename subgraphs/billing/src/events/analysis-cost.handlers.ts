import type { EventHandlers } from '@holovitals/events';
import { debitUsage } from '../ledger/credit-ledger';
import { CURRENCY } from '../plans/plan-catalog';
import { publishEntitlements } from '../subscriptions/entitlements';

/**
 * analysis.cost.recorded → one AnalysisCost row and a ledger debit, once per event id (a redelivered event
 * finds its row and changes nothing). Credits cover the cost as far as they go; a cost in another currency
 * is recorded but never debited (prices and credits are all in CURRENCY).
 */
export function analysisCostHandlers(): EventHandlers {
  return {
    'analysis.cost.recorded': async (event, manager) => {
      const cost = event.payload;
      const inserted = (await manager.query(
        `INSERT INTO billing_analysis_cost
           (event_id, task_id, user_id, model, input_tokens, output_tokens, cost_cents, covered_cents, currency, at)
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
      });
      await manager.query(`UPDATE billing_analysis_cost SET covered_cents = $2 WHERE id = $1`, [
        row.id,
        covered,
      ]);
      await publishEntitlements(manager, cost.userId, event.traceId);
    },
  };
}
