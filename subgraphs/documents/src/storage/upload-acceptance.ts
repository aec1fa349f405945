import type { BlobStore, StoredBlob } from '@holovitals/blob-store';
import { enqueueEvent } from '@holovitals/events';
import { recordAudit, type AuditActor } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { DocumentStatus, ScanResult } from '../entities/document-status';
import { detectMediaType } from '../pipeline/content-type';
import type { VirusScanner } from './virus-scan';

const HEAD_BYTES = 4096;

async function readHead(store: BlobStore, key: string): Promise<Buffer> {
  const content = await store.get(key);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of content.stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) break;
  }
  content.stream.destroy();
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

export type UploadVerdict =
  | { accepted: true; mediaType: string; scanResult: ScanResult }
  | { accepted: false; reason: string; scanResult: ScanResult };

/** Decides on an uploaded file from its content: not empty, a type the pipeline reads, not infected. */
export async function judgeUpload(
  store: BlobStore,
  scanner: VirusScanner,
  blob: StoredBlob,
): Promise<UploadVerdict> {
  if (blob.size === 0)
    return { accepted: false, reason: 'The file is empty.', scanResult: ScanResult.NOT_SCANNED };
  const mediaType = detectMediaType(await readHead(store, blob.key));
  if (mediaType === null)
    return {
      accepted: false,
      reason: 'The file is not a PDF, PNG, JPEG or TIFF (its content was checked, not its name).',
      scanResult: ScanResult.NOT_SCANNED,
    };
  const scanResult = await scanner.scan((await store.get(blob.key)).stream);
  if (scanResult === ScanResult.INFECTED)
    return { accepted: false, reason: 'The virus scanner found malware in the file.', scanResult };
  return { accepted: true, mediaType, scanResult };
}

/**
 * Records the verdict on an upload in one transaction: an accepted file becomes QUEUED (generation 1) with
 * `document.uploaded` in the outbox (its handler enqueues processing); a refused one becomes REJECTED and its bytes
 * are deleted. Only a document still AWAITING_UPLOAD changes. Audited either way.
 */
export async function recordUpload(
  dataSource: DataSource,
  store: BlobStore,
  actor: AuditActor,
  documentId: string,
  blob: StoredBlob,
  verdict: UploadVerdict,
): Promise<{ patientId: string } | null> {
  const result = await dataSource.transaction(async (manager) => {
    const rows = (await manager.query(
      `UPDATE document
          SET status = $2, media_type = $3, size_bytes = $4, sha256 = $5, scan_result = $6, failure_reason = $7,
              generation = CASE WHEN $2 = '${DocumentStatus.QUEUED}' THEN 1 ELSE 0 END, updated_at = now()
        WHERE id = $1 AND status = '${DocumentStatus.AWAITING_UPLOAD}' AND deleted_at IS NULL
        RETURNING patient_id`,
      [
        documentId,
        verdict.accepted ? DocumentStatus.QUEUED : DocumentStatus.REJECTED,
        verdict.accepted ? verdict.mediaType : null,
        blob.size,
        blob.sha256,
        verdict.scanResult,
        verdict.accepted ? null : verdict.reason,
      ],
    )) as [{ patient_id: string }[], number];
    const patientId = rows[0][0]?.patient_id;
    if (!patientId) return null;
    if (verdict.accepted)
      await enqueueEvent(
        manager,
        actor.service,
        'document.uploaded',
        { documentId, patientId, contentType: verdict.mediaType },
        { traceId: actor.traceId },
      );
    await recordAudit(manager, actor, {
      action: 'upload',
      entityType: 'Document',
      entityIds: [documentId],
      patientIds: [patientId],
      outcome: verdict.accepted ? 'SUCCESS' : 'FAILURE',
    });
    return { patientId };
  });
  if (!verdict.accepted) await store.delete(blob.key);
  return result;
}
