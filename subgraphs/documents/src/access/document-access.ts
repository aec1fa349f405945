import { accessFacts, type AccessFacts } from '@holovitals/consent-projection';
import type { ConsentScope } from '@holovitals/events';
import { hasRole, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';
import { auditAccess } from './documents-audit';

/** The consent scope that lets a grantee read (and upload to) a patient's documents. */
export const DOCUMENTS_SCOPE: ConsentScope = 'READ_DOCUMENTS';

function accessLoader(ctx: RequestContext): DataLoader<string, AccessFacts> {
  return ctx.loaders.get('document-access', () => {
    const userId = ctx.principal?.id ?? '00000000-0000-0000-0000-000000000000';
    return new DataLoader<string, AccessFacts>(async (ids) => {
      const facts = await accessFacts(ctx.dataSource, userId, ids, DOCUMENTS_SCOPE);
      return ids.map((id) => facts.get(id) ?? { isOwner: false, consented: false });
    });
  });
}

/** Owner (as PATIENT), a grantee with READ_DOCUMENTS, or an ADMIN. */
export async function canAccessDocuments(ctx: RequestContext, patientId: string): Promise<boolean> {
  const principal = ctx.principal;
  if (principal === null) return false;
  if (hasRole(principal, Role.ADMIN)) return true;
  const facts = await accessLoader(ctx).load(patientId);
  return (facts.isOwner && hasRole(principal, Role.PATIENT)) || facts.consented;
}

/** Throws ACCESS_DENIED (after auditing the refusal) unless the caller may see this patient's documents. */
export async function requireDocumentsAccess(
  ctx: RequestContext,
  patientId: string,
  audit: { action: string; entityType: string; entityIds: string[] },
): Promise<void> {
  requireUser(ctx);
  if (await canAccessDocuments(ctx, patientId)) return;
  await auditAccess(ctx, { ...audit, patientIds: [patientId], outcome: 'DENIED' });
  throw new DocumentsError(DocumentsErrorCode.ACCESS_DENIED, 'You may not access this patient’s documents.');
}

/** The patient a PATIENT caller owns, for calls that name none. */
export async function ownPatientId(ctx: RequestContext): Promise<string> {
  const principal = requireUser(ctx);
  const rows = (await ctx.dataSource.query(
    `SELECT patient_id FROM patient_owner WHERE owner_user_id = $1::uuid LIMIT 1`,
    [principal.id],
  )) as { patient_id: string }[];
  const found = rows[0];
  if (!found)
    throw new DocumentsError(DocumentsErrorCode.PATIENT_NOT_FOUND, 'You have no patient record yet.');
  return found.patient_id;
}
