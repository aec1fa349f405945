import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { CONSENT_READ_SCOPE, CONSENT_WRITE_SCOPE } from './consent-scope';

/** What the caller may do with one patient's record, before roles are taken into account. */
export interface PatientAccessFacts {
  exists: boolean;
  isOwner: boolean;
  consentRead: boolean;
  consentWrite: boolean;
}

/**
 * Ownership and active consent of the caller for many patients, one query per request. A grant counts while it is
 * neither revoked nor past `expires_at`, judged at read time; its scopes decide read and write separately.
 */
export function patientAccessLoader(ctx: RequestContext): DataLoader<string, PatientAccessFacts> {
  return ctx.loaders.get('patient-access', () => {
    const callerId = ctx.principal?.id ?? null;
    return new DataLoader<string, PatientAccessFacts>(async (ids) => {
      const rows = (await ctx.dataSource.query(
        `SELECT p.id, p.owner_user_id = $2::uuid AS is_owner,
                COALESCE(c.consent_read, false) AS consent_read,
                COALESCE(c.consent_write, false) AS consent_write
           FROM patient p
           LEFT JOIN LATERAL (
             SELECT bool_or($3 = ANY(scopes)) AS consent_read, bool_or($4 = ANY(scopes)) AS consent_write
               FROM consent_projection
              WHERE patient_id = p.id AND grantee_user_id = $2::uuid AND revoked_at IS NULL
                AND (expires_at IS NULL OR expires_at > now())
           ) c ON true
          WHERE p.id = ANY($1::uuid[])`,
        [ids, callerId, CONSENT_READ_SCOPE, CONSENT_WRITE_SCOPE],
      )) as { id: string; is_owner: boolean | null; consent_read: boolean; consent_write: boolean }[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return {
          exists: row !== undefined,
          isOwner: row?.is_owner === true,
          consentRead: row?.consent_read ?? false,
          consentWrite: row?.consent_write ?? false,
        };
      });
    });
  });
}
