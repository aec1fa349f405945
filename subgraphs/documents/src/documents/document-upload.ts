import { hasRole, recordAudit, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { ownPatientId, requireDocumentsAccess } from '../access/document-access';
import type { DocumentsServices } from '../documents-services';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentStatus, ScanResult } from '../entities/document-status';
import { documentBlobKey } from '../storage/file-keys';
import type { UploadDocumentInput } from '../resolvers/types/upload-document.input';

export interface RequestedUpload {
  document: DocumentEntity;
  uploadUrl: string;
  expiresAt: Date;
  maxBytes: number;
}

/** The patient a call is about: the one named (access checked) or the caller's own. */
export async function targetPatient(
  ctx: RequestContext<DocumentsServices>,
  patientId: string | null | undefined,
  audit: { action: string; entityType: string },
): Promise<string> {
  if (!patientId) return ownPatientId(ctx);
  const known = (await ctx.dataSource.query(`SELECT 1 FROM patient_owner WHERE patient_id = $1`, [
    patientId,
  ])) as unknown[];
  if (known.length === 0 && !hasRole(requireUser(ctx), Role.ADMIN))
    throw new DocumentsError(DocumentsErrorCode.PATIENT_NOT_FOUND, 'No such patient.');
  await requireDocumentsAccess(ctx, patientId, { ...audit, entityIds: [patientId] });
  return patientId;
}

/**
 * Creates the document row (AWAITING_UPLOAD) and a signed PUT URL for exactly the announced size. Empty and
 * oversize files are refused here, before anything is written.
 */
export async function requestUpload(
  ctx: RequestContext<DocumentsServices>,
  input: UploadDocumentInput,
): Promise<RequestedUpload> {
  const principal = requireUser(ctx);
  const { config, signer, filesUrl } = ctx.services;
  const limit = Math.min(config.DOCUMENT_MAX_BYTES, config.BLOB_MAX_BYTES);
  if (input.size === 0) throw new DocumentsError(DocumentsErrorCode.BAD_USER_INPUT, 'The file is empty.');
  if (input.size > limit)
    throw new DocumentsError(
      DocumentsErrorCode.FILE_TOO_LARGE,
      `The file is ${input.size} bytes; documents may be at most ${limit} bytes.`,
      { maxBytes: limit },
    );
  const patientId = await targetPatient(ctx, input.patientId, { action: 'upload', entityType: 'Document' });
  const id = randomUUID();
  const document = await ctx.dataSource.transaction(async (manager) => {
    const saved = await manager.save(
      manager.create(DocumentEntity, {
        id,
        patientId,
        uploadedBy: principal.id,
        filename: input.filename.trim(),
        status: DocumentStatus.AWAITING_UPLOAD,
        scanResult: ScanResult.NOT_SCANNED,
        blobKey: documentBlobKey(id),
      }),
    );
    await recordAudit(manager, ctx, {
      action: 'create',
      entityType: 'Document',
      entityIds: [id],
      patientIds: [patientId],
      outcome: 'SUCCESS',
    });
    return saved;
  });
  const expiresAt = new Date(Date.now() + config.BLOB_URL_TTL_SECONDS * 1000);
  const uploadUrl = signer.sign(filesUrl, {
    operation: 'put',
    key: document.blobKey,
    subject: principal.id,
    expiresAt,
    maxBytes: input.size,
  });
  return { document, uploadUrl, expiresAt, maxBytes: input.size };
}
