import { recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import type { DocumentsServices } from '../documents-services';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';
import type { DocumentEntity } from '../entities/document.entity';
import { DocumentStatus } from '../entities/document-status';
import { publishDocumentChange } from '../live/document-changes';
import { processDocumentQueue, processJobId, purgeDocumentQueue } from '../pipeline/document-queue';
import { readableDocument } from './document-reads';

/**
 * Soft delete: the document disappears from every read at once (audited in the same transaction); the purge job
 * removes its file. Confirmed results already in the record stay there.
 */
export async function deleteDocument(ctx: RequestContext<DocumentsServices>, id: string): Promise<boolean> {
  const document = await readableDocument(ctx, id, 'delete');
  await ctx.dataSource.transaction(async (manager) => {
    await manager.query(`UPDATE document SET deleted_at = now(), updated_at = now() WHERE id = $1`, [id]);
    await recordAudit(manager, ctx, {
      action: 'delete',
      entityType: 'Document',
      entityIds: [id],
      patientIds: [document.patientId],
      outcome: 'SUCCESS',
    });
  });
  await ctx.services.producer.enqueue(purgeDocumentQueue, { documentId: id }, { jobId: `purge.${id}` });
  await publishDocumentChange(ctx.services.changes, ctx.logger, id, ['status'], 'DELETED');
  return true;
}

const REPROCESSABLE = new Set([DocumentStatus.PROCESSED, DocumentStatus.FAILED, DocumentStatus.QUEUED]);

/** Starts a new processing run: proposals of the old run are replaced when it finishes; decisions are kept. */
export async function reprocessDocument(
  ctx: RequestContext<DocumentsServices>,
  id: string,
): Promise<DocumentEntity> {
  const document = await readableDocument(ctx, id, 'reprocess');
  if (!REPROCESSABLE.has(document.status))
    throw new DocumentsError(
      DocumentsErrorCode.NOT_UPLOADED,
      `A ${document.status.toLowerCase()} document cannot be processed again.`,
    );
  const generation = await ctx.dataSource.transaction(async (manager) => {
    const rows = (await manager.query(
      `UPDATE document SET generation = generation + 1, status = $2, progress = 0, failure_reason = NULL,
              updated_at = now()
        WHERE id = $1 RETURNING generation`,
      [id, DocumentStatus.QUEUED],
    )) as [{ generation: number }[], number];
    await recordAudit(manager, ctx, {
      action: 'reprocess',
      entityType: 'Document',
      entityIds: [id],
      patientIds: [document.patientId],
      outcome: 'SUCCESS',
    });
    return rows[0][0]?.generation as number;
  });
  await ctx.services.producer.enqueue(
    processDocumentQueue,
    { documentId: id, generation, traceId: ctx.traceId },
    { jobId: processJobId(id, generation) },
  );
  await publishDocumentChange(ctx.services.changes, ctx.logger, id, ['status']);
  return { ...document, generation, status: DocumentStatus.QUEUED, progress: 0, failureReason: null };
}
