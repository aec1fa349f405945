import { CREDIT_CURRENCY, creditsForDollars, enqueueEvent } from '@holovitals/events';
import { type ModelCallRecord, sentDigest } from '@holovitals/model-client';
import { type AuditActor, recordAudit } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';

/** The task (or chat answer) a model call was made for; billing books the two kinds apart. */
export interface ModelCallTask {
  kind: 'ANALYSIS' | 'CHAT';
  id: string;
  patientId: string;
  ownerUserId: string;
}

/**
 * Records one model call in its own transaction, whatever became of the analysis: an `audit.recorded` entry
 * (action `model.send`, entity `ModelCall`: the task id, the call id, the SHA-256 of the de-identified messages sent, and
 * the ids of the records in the data block) and `analysis.cost.recorded` for billing. The prompt text and
 * the model's answer are not stored: they held the record, even if de-identified.
 */
export async function recordModelCall(
  dataSource: DataSource,
  actor: AuditActor,
  task: ModelCallTask,
  sentRecordIds: readonly string[],
  call: ModelCallRecord,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await recordAudit(manager, actor, {
      action: 'model.send',
      entityType: 'ModelCall',
      entityIds: [task.id, call.id, sentDigest(call), ...sentRecordIds],
      patientIds: [task.patientId],
      outcome: call.outcome === 'ok' ? 'SUCCESS' : 'FAILURE',
    });
    await enqueueEvent(
      manager,
      actor.service,
      'analysis.cost.recorded',
      {
        kind: task.kind,
        taskId: task.id,
        userId: task.ownerUserId,
        model: call.model,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        costCents: creditsForDollars(call.costUsd),
        currency: CREDIT_CURRENCY,
        at: call.startedAt.toISOString(),
      },
      { traceId: actor.traceId },
    );
  });
}
