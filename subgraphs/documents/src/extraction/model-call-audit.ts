import { CREDIT_CURRENCY, creditsForDollars, enqueueEvent } from '@holovitals/events';
import { type ModelCallRecord, sentDigest } from '@holovitals/model-client';
import { type AuditActor, recordAudit } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The document a model call read. */
export interface ModelCallDocument {
  id: string;
  patientId: string;
  /** Who uploaded it: the user billed for the call. */
  uploadedBy: string;
}

/**
 * Records one model call in its own transaction, whatever became of the run: `audit.recorded` (action `model.send`,
 * entity `ModelCall`: the document, the call id and the SHA-256 of the messages sent) and `document.cost.recorded`
 * for billing, charged to the uploader (an uploader id that is not a user id, such as a service's, is audited but
 * not billed).
 */
export async function recordModelCall(
  dataSource: DataSource,
  actor: AuditActor,
  document: ModelCallDocument,
  call: ModelCallRecord,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await recordAudit(manager, actor, {
      action: 'model.send',
      entityType: 'ModelCall',
      entityIds: [document.id, call.id, sentDigest(call)],
      patientIds: [document.patientId],
      outcome: call.outcome === 'ok' ? 'SUCCESS' : 'FAILURE',
    });
    if (!UUID.test(document.uploadedBy)) return;
    await enqueueEvent(
      manager,
      actor.service,
      'document.cost.recorded',
      {
        documentId: document.id,
        userId: document.uploadedBy,
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
