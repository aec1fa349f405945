import type { BlobStore } from '@holovitals/blob-store';
import type { ModelClientOptions } from '@holovitals/model-client';
import type { ChangePublisher } from '@holovitals/live-changes';
import { jobSystemActor, recordAudit } from '@holovitals/subgraph-kit';
import type { JobContext } from '@holovitals/worker-runtime';
import type { DataSource } from 'typeorm';
import { DocumentPageEntity } from '../entities/document-page.entity';
import { DocumentStatus, ExtractionStatus } from '../entities/document-status';
import { DocumentEntity } from '../entities/document.entity';
import { ExtractionEntity } from '../entities/extraction.entity';
import { proposalsOf } from '../extraction/extraction-rows';
import { extractedRows } from '../extraction/document-extraction';
import { publishDocumentChange } from '../live/document-changes';
import { readBlob } from '../storage/encrypted-blob-store';
import { DocumentReadError } from './document-read-error';
import { readDocumentPages, toPageRow, type ReadLimits } from './document-reading';
import type { processDocumentQueue, purgeDocumentQueue } from './document-queue';
import type { OcrEngine } from './ocr-engine';
import { RENDERED_PAGE_IMAGES_SQL, storePageImages } from './page-image-store';

export interface PipelineDeps {
  dataSource: DataSource;
  store: BlobStore;
  ocr: OcrEngine;
  changes: ChangePublisher;
  limits: ReadLimits;
  /** The language model that extracts beside the rules; null: rules only. */
  model: ModelClientOptions | null;
}

type ProcessJob = JobContext<ReturnType<(typeof processDocumentQueue)['payload']['parse']>>;
type PurgeJob = Pick<
  JobContext<ReturnType<(typeof purgeDocumentQueue)['payload']['parse']>>,
  'data' | 'queue' | 'id'
>;

async function setProgress(
  deps: PipelineDeps,
  job: ProcessJob,
  fields: Partial<Pick<DocumentEntity, 'status' | 'progress' | 'failureReason' | 'pageCount'>>,
  changed: string[],
): Promise<boolean> {
  const result = await deps.dataSource
    .createQueryBuilder()
    .update(DocumentEntity)
    .set(fields)
    .where('id = :id AND generation = :generation AND deleted_at IS NULL', {
      id: job.data.documentId,
      generation: job.data.generation,
    })
    .execute();
  await job.progress(fields.progress ?? 0);
  await publishDocumentChange(deps.changes, job.logger, job.data.documentId, changed);
  return (result.affected ?? 0) > 0;
}

/** Renderings of an earlier run; a leftover is only unreachable storage, so a failure is logged, not retried. */
async function deleteStaleImages(
  store: BlobStore,
  logger: ProcessJob['logger'],
  keys: string[],
): Promise<void> {
  for (const key of keys)
    await store.delete(key).catch((error: unknown) => {
      logger.warn({ err: error, key }, 'an old page image could not be deleted');
    });
}

/**
 * One processing run: read the file, text per page (text layer, OCR for image pages), lab rows, diagnoses and
 * medications, then replace this
 * document's pages and undecided proposals in one transaction. Idempotent: a run superseded by a reprocess (other
 * generation) or already finished changes nothing, and a retried run rewrites the same rows. A file that cannot be
 * read fails the document with its reason and is not retried; anything else is retried by the queue, and the last
 * try marks the document FAILED.
 */
export async function processDocument(
  deps: PipelineDeps,
  job: ProcessJob,
  finalTry: boolean,
): Promise<string> {
  const { documentId, generation } = job.data;
  const document = await deps.dataSource.getRepository(DocumentEntity).findOne({ where: { id: documentId } });
  if (!document || document.deletedAt !== null) return 'document gone';
  if (document.generation !== generation) return 'superseded';
  if (document.status === DocumentStatus.PROCESSED || document.status === DocumentStatus.FAILED)
    return 'already finished';
  try {
    await setProgress(deps, job, { status: DocumentStatus.PROCESSING, progress: 5 }, ['status', 'progress']);
    const bytes = await readBlob(deps.store, document.blobKey);
    const pages = await readDocumentPages(bytes, deps.ocr, deps.limits, async (done, total) => {
      await setProgress(deps, job, { progress: 5 + Math.floor((85 * done) / total), pageCount: done }, [
        'progress',
      ]);
    });
    const rows = await extractedRows(
      deps,
      job,
      document,
      pages.map((page) => page.layout),
      finalTry,
    );
    const imageKeys = await storePageImages(deps.store, document, generation, pages);
    const stale: string[] = [];
    const finished = await deps.dataSource.transaction(async (manager) => {
      const locked = (await manager.query(
        `SELECT 1 FROM document WHERE id = $1 AND generation = $2 AND deleted_at IS NULL FOR UPDATE`,
        [documentId, generation],
      )) as unknown[];
      if (locked.length === 0) return false;
      const previous = (await manager.query(RENDERED_PAGE_IMAGES_SQL, [documentId])) as {
        image_key: string;
      }[];
      stale.push(...previous.map((row) => row.image_key).filter((key) => !imageKeys.includes(key)));
      await manager.delete(DocumentPageEntity, { documentId });
      await manager.insert(
        DocumentPageEntity,
        pages.map((page, index) => toPageRow(page, documentId, document.patientId, imageKeys[index] ?? null)),
      );
      await manager.delete(ExtractionEntity, { documentId, status: ExtractionStatus.PROPOSED });
      if (rows.length > 0)
        await manager.insert(
          ExtractionEntity,
          proposalsOf(rows, { documentId, patientId: document.patientId, generation }),
        );
      await manager.update(DocumentEntity, documentId, {
        status: DocumentStatus.PROCESSED,
        progress: 100,
        pageCount: pages.length,
        processedAt: new Date(),
      });
      await recordAudit(
        manager,
        jobSystemActor('documents', { queue: job.queue, id: job.id, traceId: job.data.traceId }),
        {
          action: 'process',
          entityType: 'Document',
          entityIds: [documentId],
          patientIds: [document.patientId],
          outcome: 'SUCCESS',
        },
      );
      return true;
    });
    await deleteStaleImages(deps.store, job.logger, stale);
    await publishDocumentChange(deps.changes, job.logger, documentId, ['status', 'pages', 'extractions']);
    return finished ? `${pages.length} pages, ${rows.length} proposed results` : 'superseded';
  } catch (error) {
    if (error instanceof DocumentReadError) {
      await setProgress(
        deps,
        job,
        { status: DocumentStatus.FAILED, failureReason: error.message, progress: 100 },
        ['status'],
      );
      return `failed: ${error.failure}`;
    }
    if (finalTry)
      await setProgress(
        deps,
        job,
        {
          status: DocumentStatus.FAILED,
          failureReason: 'Processing failed; try reprocessing later.',
          progress: 100,
        },
        ['status'],
      );
    throw error;
  }
}

/**
 * Removes a soft-deleted document's file, its page images, its confirmation bundles and its page text, audited as
 * the job. Safe to run again: deleting what is gone is not an error, and a purged document has no pages left.
 */
export async function purgeDocument(
  deps: Pick<PipelineDeps, 'dataSource' | 'store'>,
  job: PurgeJob,
): Promise<void> {
  const { documentId } = job.data;
  const rows = (await deps.dataSource.query(
    `SELECT d.blob_key, d.patient_id, array_remove(array_agg(e.id), NULL) AS confirmed
       FROM document d LEFT JOIN extraction e ON e.document_id = d.id AND e.status = 'CONFIRMED'
      WHERE d.id = $1 AND d.deleted_at IS NOT NULL GROUP BY d.blob_key, d.patient_id`,
    [documentId],
  )) as { blob_key: string; patient_id: string; confirmed: string[] }[];
  const found = rows[0];
  if (!found) return;
  await deps.store.delete(found.blob_key);
  const images = (await deps.dataSource.query(RENDERED_PAGE_IMAGES_SQL, [documentId])) as {
    image_key: string;
  }[];
  for (const { image_key } of images) await deps.store.delete(image_key);
  for (const extractionId of found.confirmed)
    await deps.store.delete(`bundles/${documentId}/${extractionId}.json`);
  await deps.dataSource.transaction(async (manager) => {
    await manager.query(`DELETE FROM document_page WHERE document_id = $1`, [documentId]);
    await recordAudit(manager, jobSystemActor('documents', { queue: job.queue, id: job.id, traceId: null }), {
      action: 'purge',
      entityType: 'Document',
      entityIds: [documentId],
      patientIds: [found.patient_id],
      outcome: 'SUCCESS',
    });
  });
}
