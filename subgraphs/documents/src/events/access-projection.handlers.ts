import type { EventHandlers } from '@holovitals/events';

/**
 * Who may see whose documents, kept locally from other subgraphs' events: owners from `patient.created`, grantees
 * from compliance's `consent.*` (idempotent and order-tolerant: a revocation that overtakes its grant stays revoked).
 */
export const accessProjectionHandlers: EventHandlers = {
  'patient.created': async (event, manager) => {
    const { patientId, ownerUserId } = event.payload;
    await manager.query(
      `INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)
       ON CONFLICT (patient_id) DO UPDATE SET owner_user_id = EXCLUDED.owner_user_id`,
      [patientId, ownerUserId],
    );
  },
  'consent.granted': async (event, manager) => {
    const { consentId, patientId, granteeUserId, scopes, expiresAt } = event.payload;
    await manager.query(
      `INSERT INTO consent_projection (consent_id, patient_id, grantee_user_id, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consent_id) DO UPDATE SET scopes = EXCLUDED.scopes, expires_at = EXCLUDED.expires_at,
         updated_at = now()`,
      [consentId, patientId, granteeUserId, scopes, expiresAt],
    );
  },
  'consent.revoked': async (event, manager) => {
    const { consentId, patientId, granteeUserId } = event.payload;
    await manager.query(
      `INSERT INTO consent_projection (consent_id, patient_id, grantee_user_id, revoked_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (consent_id) DO UPDATE SET revoked_at = COALESCE(consent_projection.revoked_at, now()),
         updated_at = now()`,
      [consentId, patientId, granteeUserId],
    );
  },
};
