import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { CONSENT_PROXY_SCOPE, CONSENT_READ_SCOPE, CONSENT_WRITE_SCOPE } from './consent-scope';

/** The active grant a caller's access relies on, and whether it makes them the patient's proxy. */
export interface ConsentBasis {
  consentId: string;
  proxy: boolean;
}

/** What the caller may do with one patient's record, before roles are taken into account. */
export interface PatientAccessFacts {
  exists: boolean;
  isOwner: boolean;
  ownerUserId: string | null;
  /** The grant allowing reads (READ_RECORD), preferring one with PROXY; null without one. */
  readConsent: ConsentBasis | null;
  /** The grant allowing writes (WRITE_RECORD), preferring one with PROXY; null without one. */
  writeConsent: ConsentBasis | null;
}

interface AccessRow {
  id: string;
  owner_user_id: string | null;
  read_consent_id: string | null;
  read_proxy: boolean | null;
  write_consent_id: string | null;
  write_proxy: boolean | null;
}

function basis(consentId: string | null, proxy: boolean | null): ConsentBasis | null {
  return consentId === null ? null : { consentId, proxy: proxy === true };
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
        `WITH active AS (
           SELECT consent_id, patient_id, scopes, $5 = ANY(scopes) AS proxy, updated_at
             FROM consent_projection
            WHERE patient_id = ANY($1::uuid[]) AND grantee_user_id = $2::uuid AND revoked_at IS NULL
              AND (expires_at IS NULL OR expires_at > now())
         )
         SELECT p.id, p.owner_user_id,
                r.consent_id AS read_consent_id, r.proxy AS read_proxy,
                w.consent_id AS write_consent_id, w.proxy AS write_proxy
           FROM patient p
           LEFT JOIN LATERAL (
             SELECT consent_id, proxy FROM active
              WHERE patient_id = p.id AND $3 = ANY(scopes) ORDER BY proxy DESC, updated_at DESC LIMIT 1
           ) r ON true
           LEFT JOIN LATERAL (
             SELECT consent_id, proxy FROM active
              WHERE patient_id = p.id AND $4 = ANY(scopes) ORDER BY proxy DESC, updated_at DESC LIMIT 1
           ) w ON true
          WHERE p.id = ANY($1::uuid[])`,
        [ids, callerId, CONSENT_READ_SCOPE, CONSENT_WRITE_SCOPE, CONSENT_PROXY_SCOPE],
      )) as AccessRow[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return {
          exists: row !== undefined,
          isOwner: row !== undefined && callerId !== null && row.owner_user_id === callerId,
          ownerUserId: row?.owner_user_id ?? null,
          readConsent: row ? basis(row.read_consent_id, row.read_proxy) : null,
          writeConsent: row ? basis(row.write_consent_id, row.write_proxy) : null,
        };
      });
    });
  });
}
