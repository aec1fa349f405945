import type { EventHandlers } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { debitUsage } from '../ledger/credit-ledger';
import { CURRENCY } from '../plans/plan-catalog';
import { publishEntitlements } from '../subscriptions/entitlements';

/** Where each kind of model call is booked: its cost table, the column naming what ran, the ledger kind. */
const COST_BOOKS = {
  ANALYSIS: { table: 'billing_analysis_cost', subject: 'task_id', ledgerKind: 'ANALYSIS_USAGE' },
  CHAT: { table: 'billing_chat_cost', subject: 'interaction_id', ledgerKind: 'CHAT_USAGE' },
} as const;

interface ModelCost {
  /** The analysis task, the chat turn's interaction, or the document whose extraction called the model. */
  workId: string;
  userId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costCents: number;
  currency: string;
  at: string;
}

/**
 * One cost row in its book and a ledger debit, once per event id (a redelivered event finds its row and changes
 * nothing). Credits cover the cost as far as they go; a cost in another currency is recorded but never debited
 * (prices and credits are all in CURRENCY).
 */
async function recordModelCost(
  manager: EntityManager,
  event: { id: string; traceId: string | null },
  book: (typeof COST_BOOKS)[keyof typeof COST_BOOKS],
  cost: ModelCost,
): Promise<void> {
  const inserted = (await manager.query(
    `INSERT INTO ${book.table}
       (event_id, ${book.subject}, user_id, model, input_tokens, output_tokens, cost_cents, covered_cents, currency, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)
     ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    [
      event.id,
      cost.workId,
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
}

/**
 * Model costs, whoever called the model: analysis.cost.recorded (an analysis task, or a chat turn whose
 * interaction id is its taskId) and document.cost.recorded (the documents worker's model extraction, booked with
 * analyses; its document id is kept where an analysis keeps its task id).
 */
export function analysisCostHandlers(): EventHandlers {
  return {
    'analysis.cost.recorded': async (event, manager) => {
      const { taskId, kind, ...cost } = event.payload;
      await recordModelCost(manager, event, COST_BOOKS[kind], { workId: taskId, ...cost });
    },
    'document.cost.recorded': async (event, manager) => {
      const { documentId, ...cost } = event.payload;
      await recordModelCost(manager, event, COST_BOOKS.ANALYSIS, { workId: documentId, ...cost });
    },
  };
}
