import type { ConsentScope } from '@holovitals/events';
import type { DataSource } from 'typeorm';

/** What the projection says about one user and one patient. */
export interface AccessFacts {
  isOwner: boolean;
  consented: boolean;
}

/** Ownership and an active consent with `scope`, of one user for many patients, in one statement. */
export async function accessFacts(
  dataSource: DataSource,
  userId: string,
  patientIds: readonly string[],
  scope: ConsentScope,
): Promise<Map<string, AccessFacts>> {
  const rows = (await dataSource.query(
    `SELECT ids.id AS patient_id,
            EXISTS (SELECT 1 FROM patient_owner o WHERE o.patient_id = ids.id AND o.owner_user_id = $2::uuid) AS is_owner,
            EXISTS (SELECT 1 FROM consent_projection c
                     WHERE c.patient_id = ids.id AND c.grantee_user_id = $2::uuid AND $3 = ANY(c.scopes)
                       AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())) AS consented
       FROM unnest($1::uuid[]) AS ids(id)`,
    [patientIds, userId, scope],
  )) as { patient_id: string; is_owner: boolean; consented: boolean }[];
  return new Map(rows.map((row) => [row.patient_id, { isOwner: row.is_owner, consented: row.consented }]));
}
