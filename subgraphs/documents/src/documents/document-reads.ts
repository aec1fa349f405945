import {
  hasRole,
  keysetCursor,
  keysetPage,
  requireUser,
  Role,
  type Principal,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { auditAccess } from '../access/documents-audit';
import { requireDocumentsAccess } from '../access/document-access';
import type { DocumentsServices } from '../documents-services';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';
import { DocumentEntity } from '../entities/document.entity';
import type { DocumentStatus } from '../entities/document-status';
import { ADMIN_SUBJECT_PREFIX } from '../storage/file-keys';
import { targetPatient } from './document-upload';

/** A live (not deleted) document the caller may see, audited as `action`; NOT_FOUND or FORBIDDEN otherwise. */
export async function readableDocument(
  ctx: RequestContext<DocumentsServices>,
  id: string,
  action = 'read',
): Promise<DocumentEntity> {
  requireUser(ctx);
  const document = await ctx.dataSource
    .getRepository(DocumentEntity)
    .createQueryBuilder('d')
    .where('d.id = :id AND d.deleted_at IS NULL', { id })
    .getOne();
  if (!document) throw new DocumentsError(DocumentsErrorCode.DOCUMENT_NOT_FOUND, 'No such document.');
  await requireDocumentsAccess(ctx, document.patientId, { action, entityType: 'Document', entityIds: [id] });
  await auditAccess(ctx, {
    action,
    entityType: 'Document',
    entityIds: [id],
    patientIds: [document.patientId],
    outcome: 'SUCCESS',
  });
  return document;
}

export interface DocumentListPage {
  nodes: DocumentEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One patient's documents, newest first, keyset-paginated; one audit event for the page. */
export async function listDocuments(
  ctx: RequestContext<DocumentsServices>,
  filter: { patientId?: string | null; status?: DocumentStatus | null },
  first: number,
  after: string | null,
): Promise<DocumentListPage> {
  if (first < 1 || first > 100)
    throw new DocumentsError(DocumentsErrorCode.BAD_USER_INPUT, '`first` must be between 1 and 100.');
  const patientId = await targetPatient(ctx, filter.patientId, { action: 'list', entityType: 'Document' });
  const query = ctx.dataSource
    .getRepository(DocumentEntity)
    .createQueryBuilder('d')
    .where('d.patient_id = :patientId AND d.deleted_at IS NULL', { patientId });
  if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
  const rows = await keysetPage(query, { at: 'd.created_at', id: 'd.id' }, 'DESC', first, after).getMany();
  const nodes = rows.slice(0, first);
  await auditAccess(ctx, {
    action: 'list',
    entityType: 'Document',
    entityIds: nodes.map((node) => node.id),
    patientIds: [patientId],
    outcome: 'SUCCESS',
  });
  const last = nodes.at(-1);
  return {
    nodes,
    endCursor: rows.length > first && last ? keysetCursor(last.createdAt, last.id) : null,
    hasNextPage: rows.length > first,
  };
}

/** A signed GET link to the original file; access is checked again when the link is used. */
export async function downloadLink(
  ctx: RequestContext<DocumentsServices>,
  id: string,
): Promise<{ url: string; expiresAt: Date }> {
  const document = await readableDocument(ctx, id, 'download-link');
  const principal = requireUser(ctx);
  if (document.sizeBytes === null || document.status === 'AWAITING_UPLOAD' || document.status === 'REJECTED')
    throw new DocumentsError(DocumentsErrorCode.NOT_UPLOADED, 'This document has no stored file.');
  return signedFileLink(ctx, principal, document.blobKey);
}

/**
 * A signed GET link to one of a document's stored files for the caller; the /files route checks the caller's
 * access again when the link is used (an admin's link only needs the document to exist).
 */
export function signedFileLink(
  ctx: RequestContext<DocumentsServices>,
  principal: Principal,
  key: string,
): { url: string; expiresAt: Date } {
  const expiresAt = new Date(Date.now() + ctx.services.config.BLOB_URL_TTL_SECONDS * 1000);
  const subject = hasRole(principal, Role.ADMIN) ? `${ADMIN_SUBJECT_PREFIX}${principal.id}` : principal.id;
  const url = ctx.services.signer.sign(ctx.services.filesUrl, { operation: 'get', key, subject, expiresAt });
  return { url, expiresAt };
}
