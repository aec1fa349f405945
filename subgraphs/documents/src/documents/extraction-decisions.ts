import { enqueueEvent } from '@holovitals/events';
import { recordAudit, requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { Readable } from 'node:stream';
import { requireDocumentsAccess } from '../access/document-access';
import type { DocumentsServices } from '../documents-services';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';
import { ExtractionStatus } from '../entities/document-status';
import { ExtractionEntity } from '../entities/extraction.entity';
import { publishDocumentChange } from '../live/document-changes';
import { bundleBlobKey, PATIENT_SERVICE_SUBJECT } from '../storage/file-keys';
import { extractionBundle } from './extraction-bundle';

/** How long the patient subgraph has to fetch a confirmation's bundle (it normally does so within seconds). */
const BUNDLE_LINK_SECONDS = 7 * 86_400;

async function decidableExtraction(
  ctx: RequestContext<DocumentsServices>,
  id: string,
  action: string,
): Promise<ExtractionEntity> {
  requireUser(ctx);
  const extraction = await ctx.dataSource
    .getRepository(ExtractionEntity)
    .createQueryBuilder('e')
    .innerJoin('document', 'd', 'd.id = e.document_id AND d.deleted_at IS NULL')
    .where('e.id = :id', { id })
    .getOne();
  if (!extraction) throw new DocumentsError(DocumentsErrorCode.EXTRACTION_NOT_FOUND, 'No such extraction.');
  await requireDocumentsAccess(ctx, extraction.patientId, {
    action,
    entityType: 'Extraction',
    entityIds: [id],
  });
  return extraction;
}

/**
 * Confirms one extracted result into the record: marks it CONFIRMED and, in the same transaction, emits
 * `document.processed` whose bundleRef is a signed link (for the patient subgraph only) to a FHIR bundle holding the
 * Observation, stored encrypted. Confirming twice changes nothing the second time.
 */
export async function confirmExtraction(
  ctx: RequestContext<DocumentsServices>,
  id: string,
): Promise<ExtractionEntity> {
  const extraction = await decidableExtraction(ctx, id, 'confirm');
  if (extraction.status === ExtractionStatus.CONFIRMED) return extraction;
  if (extraction.status === ExtractionStatus.REJECTED)
    throw new DocumentsError(DocumentsErrorCode.ALREADY_DECIDED, 'This result was rejected.');
  const principal = requireUser(ctx);
  const decidedAt = new Date();
  const key = bundleBlobKey(extraction.documentId, extraction.id);
  const bundle = extractionBundle(extraction);
  await ctx.services.store.put(key, Readable.from([Buffer.from(JSON.stringify(bundle))]), {
    maxBytes: 1_000_000,
    overwrite: true,
  });
  const bundleRef = ctx.services.signer.sign(ctx.services.internalFilesUrl, {
    operation: 'get',
    key,
    subject: PATIENT_SERVICE_SUBJECT,
    expiresAt: new Date(decidedAt.getTime() + BUNDLE_LINK_SECONDS * 1000),
  });
  await ctx.dataSource.transaction(async (manager) => {
    const [rows] = (await manager.query(
      `UPDATE extraction SET status = $2, decided_at = $3, decided_by = $4 WHERE id = $1 AND status = $5 RETURNING id`,
      [id, ExtractionStatus.CONFIRMED, decidedAt, principal.id, ExtractionStatus.PROPOSED],
    )) as [unknown[], number];
    if (rows.length === 0)
      throw new DocumentsError(DocumentsErrorCode.ALREADY_DECIDED, 'This result was decided meanwhile.');
    await enqueueEvent(
      manager,
      ctx.service,
      'document.processed',
      {
        documentId: extraction.documentId,
        patientId: extraction.patientId,
        bundleRef,
        resourceCount: bundle.entry.length,
      },
      { traceId: ctx.traceId },
    );
    await recordAudit(manager, ctx, {
      action: 'confirm',
      entityType: 'Extraction',
      entityIds: [id],
      patientIds: [extraction.patientId],
      outcome: 'SUCCESS',
    });
  });
  await publishDocumentChange(ctx.services.changes, ctx.logger, extraction.documentId, ['extractions']);
  return { ...extraction, status: ExtractionStatus.CONFIRMED, decidedAt, decidedBy: principal.id };
}

/** Rejects one proposal: it stays visible as REJECTED and never reaches the record. */
export async function rejectExtraction(
  ctx: RequestContext<DocumentsServices>,
  id: string,
): Promise<ExtractionEntity> {
  const extraction = await decidableExtraction(ctx, id, 'reject');
  if (extraction.status === ExtractionStatus.REJECTED) return extraction;
  if (extraction.status === ExtractionStatus.CONFIRMED)
    throw new DocumentsError(
      DocumentsErrorCode.ALREADY_DECIDED,
      'This result is already in the record; delete it there instead.',
    );
  const principal = requireUser(ctx);
  const decidedAt = new Date();
  await ctx.dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE extraction SET status = $2, decided_at = $3, decided_by = $4 WHERE id = $1 AND status = $5`,
      [id, ExtractionStatus.REJECTED, decidedAt, principal.id, ExtractionStatus.PROPOSED],
    );
    await recordAudit(manager, ctx, {
      action: 'reject',
      entityType: 'Extraction',
      entityIds: [id],
      patientIds: [extraction.patientId],
      outcome: 'SUCCESS',
    });
  });
  await publishDocumentChange(ctx.services.changes, ctx.logger, extraction.documentId, ['extractions']);
  return { ...extraction, status: ExtractionStatus.REJECTED, decidedAt, decidedBy: principal.id };
}
