import type { ModelCallRecord } from '@holovitals/model-client';
import type { EntityManager } from 'typeorm';
import { PromptPerformanceEntity } from '../entities/prompt-performance.entity';

export interface PerformanceEntry {
  templateId: string;
  interactionId?: string | null;
  taskId?: string | null;
  /** Every call the answer took (a repair is a second call): their latency, tokens and cost add up. */
  calls: readonly ModelCallRecord[];
  valid: boolean;
}

/** Stores what one use of a template measured; the rating comes later from the user (recordPromptPerformance). */
export async function storePromptPerformance(
  manager: EntityManager,
  entry: PerformanceEntry,
): Promise<PromptPerformanceEntity> {
  const sum = (pick: (call: ModelCallRecord) => number): number =>
    entry.calls.reduce((total, call) => total + pick(call), 0);
  return manager.getRepository(PromptPerformanceEntity).save({
    templateId: entry.templateId,
    interactionId: entry.interactionId ?? null,
    taskId: entry.taskId ?? null,
    latencyMs: Math.round(sum((call) => call.latencyMs)),
    inputTokens: sum((call) => call.inputTokens),
    outputTokens: sum((call) => call.outputTokens),
    costUsd: sum((call) => call.costUsd),
    valid: entry.valid,
    rating: null,
  });
}
