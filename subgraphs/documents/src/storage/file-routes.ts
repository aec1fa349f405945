import { type BlobAuditEvent, type BlobGrant, blobRoutes } from '@holovitals/blob-store';
import type { RouteHandler } from '@holovitals/http-server';
import {
  GATEWAY_CREDENTIAL_HEADER,
  isGatewayCredentialValid,
  recordAudit,
  type SubgraphRuntime,
} from '@holovitals/subgraph-kit';
import type { IncomingMessage } from 'node:http';
import { accessFacts } from '@holovitals/consent-projection';
import { DOCUMENTS_SCOPE } from '../access/document-access';
import type { DocumentsConfig } from '../config';
import { FILES_PATH, type DocumentsServices } from '../documents-services';
import { DocumentStatus } from '../entities/document-status';
import { publishDocumentChange } from '../live/document-changes';
import {
  ADMIN_SUBJECT_PREFIX,
  documentIdOfKey,
  isPageImageKeyOf,
  PATIENT_SERVICE_SUBJECT,
} from './file-keys';
import { judgeUpload, recordUpload } from './upload-acceptance';

interface DocumentFacts {
  patient_id: string;
  uploaded_by: string;
  status: DocumentStatus;
  blob_key: string;
}

/**
 * `PUT /files` (upload to a signed URL from uploadDocument) and `GET /files` (download from documentDownloadUrl, a
 * page image from DocumentPage.imageUrl, or a confirmation bundle for the patient subgraph). Every access is re-checked at the moment it happens and audited.
 */
export function documentFileRoutes(
  runtime: SubgraphRuntime<DocumentsConfig>,
  services: DocumentsServices,
): Record<string, RouteHandler> {
  const { dataSource, logger } = runtime;
  const factsOf = async (key: string): Promise<DocumentFacts | null> => {
    const documentId = documentIdOfKey(key);
    if (documentId === null) return null;
    const rows = (await dataSource.query(
      `SELECT patient_id, uploaded_by, status, blob_key FROM document WHERE id = $1 AND deleted_at IS NULL`,
      [documentId],
    )) as DocumentFacts[];
    return rows[0] ?? null;
  };

  async function authorize(grant: BlobGrant, req: IncomingMessage): Promise<boolean> {
    const facts = await factsOf(grant.key);
    if (facts === null) return false;
    if (grant.operation === 'put')
      return (
        grant.key === facts.blob_key &&
        facts.status === DocumentStatus.AWAITING_UPLOAD &&
        grant.subject === facts.uploaded_by
      );
    if (grant.subject === PATIENT_SERVICE_SUBJECT) {
      const credential = req.headers[GATEWAY_CREDENTIAL_HEADER];
      return isGatewayCredentialValid(
        typeof credential === 'string' ? credential : undefined,
        services.config.GATEWAY_SECRET,
      );
    }
    const documentId = documentIdOfKey(grant.key) as string;
    if (grant.key !== facts.blob_key && !isPageImageKeyOf(grant.key, documentId)) return false;
    if (grant.subject.startsWith(ADMIN_SUBJECT_PREFIX)) return true;
    // Consent may have been withdrawn since the link was issued: ask again now.
    const access = (await accessFacts(dataSource, grant.subject, [facts.patient_id], DOCUMENTS_SCOPE)).get(
      facts.patient_id,
    );
    return access?.isOwner === true || access?.consented === true;
  }

  async function audit(event: BlobAuditEvent): Promise<void> {
    const facts = event.key === null ? null : await factsOf(event.key);
    const actorId = event.subject?.replace(ADMIN_SUBJECT_PREFIX, '') ?? null;
    await recordAudit(
      dataSource.manager,
      {
        service: 'documents',
        principal: actorId === null ? null : { id: actorId, roles: [] },
        traceId: null,
        clientIp: event.clientIp,
      },
      {
        action: event.action,
        entityType: 'Document',
        entityIds: event.key === null ? [] : [documentIdOfKey(event.key) ?? event.key],
        patientIds: facts === null ? [] : [facts.patient_id],
        outcome: event.outcome === 'allowed' ? 'SUCCESS' : event.outcome === 'denied' ? 'DENIED' : 'FAILURE',
      },
    );
  }

  return blobRoutes({
    store: services.store,
    signer: services.signer,
    path: FILES_PATH,
    maxBytes: Math.min(services.config.DOCUMENT_MAX_BYTES, services.config.BLOB_MAX_BYTES),
    authorize,
    audit,
    onUploaded: async (grant, blob) => {
      const documentId = documentIdOfKey(grant.key) as string;
      const verdict = await judgeUpload(services.store, services.scanner, blob);
      const actor = {
        service: 'documents',
        principal: { id: grant.subject, roles: [] },
        traceId: null,
        clientIp: null,
      };
      const recorded = await recordUpload(dataSource, services.store, actor, documentId, blob, verdict);
      if (recorded) await publishDocumentChange(services.changes, logger, documentId, ['status']);
    },
  });
}
