import type { EventHandlers } from '@holovitals/events';
import { eventSystemActor, recordAudit } from '@holovitals/subgraph-kit';

/**
 * Keeps consent_projection in step with compliance's consent events. Idempotent and order-tolerant: a revocation
 * that overtakes its grant leaves a revoked row the late grant cannot reopen. Each change is audited as `service`
 * acting on the event, since no request (and no user) is behind it.
 */
export function consentProjectionHandlers(service: string): EventHandlers {
  return {
    'consent.granted': async (event, manager) => {
      const { consentId, patientId, granteeUserId, scopes, expiresAt } = event.payload;
      await manager.query(
        `INSERT INTO consent_projection (consent_id, patient_id, grantee_user_id, scopes, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (consent_id) DO UPDATE SET scopes = EXCLUDED.scopes, expires_at = EXCLUDED.expires_at,
           updated_at = now()`,
        [consentId, patientId, granteeUserId, scopes, expiresAt],
      );
      await recordAudit(manager, eventSystemActor(service, event), {
        action: 'grant',
        entityType: 'ConsentGrant',
        entityIds: [consentId],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      });
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
      await recordAudit(manager, eventSystemActor(service, event), {
        action: 'revoke',
        entityType: 'ConsentGrant',
        entityIds: [consentId],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      });
    },
  };
}

/** Keeps patient_owner from patient.created, for subgraphs that do not own the Patient entity. */
export const patientOwnerHandlers: EventHandlers = {
  'patient.created': async (event, manager) => {
    const { patientId, ownerUserId } = event.payload;
    await manager.query(
      `INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)
       ON CONFLICT (patient_id) DO UPDATE SET owner_user_id = EXCLUDED.owner_user_id`,
      [patientId, ownerUserId],
    );
  },
};
