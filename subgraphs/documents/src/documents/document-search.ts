import { hasRole, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { auditAccess } from '../access/documents-audit';
import type { DocumentsServices } from '../documents-services';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';
import { DocumentEntity } from '../entities/document.entity';
import { DOCUMENTS_SCOPE } from '../access/document-access';
import { targetPatient } from './document-upload';

export interface SearchHit {
  document: DocumentEntity;
  pageNumber: number;
  rank: number;
  highlight: string;
}

interface HitRow {
  document_id: string;
  page_number: number;
  rank: number;
  highlight: string;
}

const offsetOf = (after: string | null | undefined): number => {
  if (!after) return 0;
  const offset = Number(Buffer.from(after, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0)
    throw new DocumentsError(DocumentsErrorCode.BAD_USER_INPUT, 'The cursor is not valid.');
  return offset;
};

/**
 * Full-text search (PostgreSQL `websearch_to_tsquery`, English) over the pages of every document the caller may
 * read (own record and READ_DOCUMENTS grants; one named patient for an admin), best rank first, with highlights.
 */
export async function searchDocuments(
  ctx: RequestContext<DocumentsServices>,
  text: string,
  first: number,
  after: string | null,
  patientId: string | null,
): Promise<{ hits: SearchHit[]; endCursor: string | null; hasNextPage: boolean }> {
  const principal = requireUser(ctx);
  const query = text.trim();
  if (query.length === 0 || query.length > 200)
    throw new DocumentsError(DocumentsErrorCode.BAD_USER_INPUT, 'Search text must be 1 to 200 characters.');
  if (first < 1 || first > 50)
    throw new DocumentsError(DocumentsErrorCode.BAD_USER_INPUT, '`first` must be between 1 and 50.');
  const offset = offsetOf(after);
  let patientIds: string[];
  if (patientId)
    patientIds = [await targetPatient(ctx, patientId, { action: 'search', entityType: 'Document' })];
  else if (hasRole(principal, Role.ADMIN))
    throw new DocumentsError(
      DocumentsErrorCode.BAD_USER_INPUT,
      'Admins search one patient at a time: pass patientId.',
    );
  else {
    const rows = (await ctx.dataSource.query(
      `SELECT patient_id FROM patient_owner WHERE owner_user_id = $1::uuid
       UNION SELECT patient_id FROM consent_projection
        WHERE grantee_user_id = $1::uuid AND $2 = ANY(scopes) AND revoked_at IS NULL
          AND (expires_at IS NULL OR expires_at > now())`,
      [principal.id, DOCUMENTS_SCOPE],
    )) as { patient_id: string }[];
    patientIds = rows.map((row) => row.patient_id);
  }
  const rows = (await ctx.dataSource.query(
    `SELECT p.document_id, p.page_number, ts_rank(p.search_vector, q) AS rank,
            ts_headline('english', p.text, q, 'StartSel=[[, StopSel=]], MaxFragments=2, MaxWords=20, MinWords=5') AS highlight
       FROM document_page p
       JOIN document d ON d.id = p.document_id AND d.deleted_at IS NULL,
            websearch_to_tsquery('english', $1) q
      WHERE p.patient_id = ANY($2::uuid[]) AND p.search_vector @@ q
      ORDER BY rank DESC, p.document_id, p.page_number
      LIMIT $3 OFFSET $4`,
    [query, patientIds, first + 1, offset],
  )) as HitRow[];
  const page = rows.slice(0, first);
  const documents = await ctx.dataSource
    .getRepository(DocumentEntity)
    .createQueryBuilder('d')
    .where('d.id = ANY(:ids)', { ids: [...new Set(page.map((row) => row.document_id))] })
    .getMany();
  const byId = new Map(documents.map((document) => [document.id, document]));
  const hits = page.flatMap((row) => {
    const document = byId.get(row.document_id);
    return document
      ? [{ document, pageNumber: row.page_number, rank: Number(row.rank), highlight: row.highlight }]
      : [];
  });
  await auditAccess(ctx, {
    action: 'search',
    entityType: 'Document',
    entityIds: [...byId.keys()],
    patientIds: [...new Set(documents.map((document) => document.patientId))],
    outcome: 'SUCCESS',
  });
  const hasNextPage = rows.length > first;
  return {
    hits,
    hasNextPage,
    endCursor: hasNextPage ? Buffer.from(String(offset + first)).toString('base64url') : null,
  };
}
