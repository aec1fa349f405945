import type { EventHandlers } from '@holovitals/events';

/** Who may receive a grant (verified users) and who owns which patient record, learned from their owners' events. */
export function directoryHandlers(): EventHandlers {
  return {
    'user.verified': async (event, manager) => {
      await manager.query(
        `INSERT INTO verified_user (user_id, roles, email, display_name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET roles = EXCLUDED.roles, email = EXCLUDED.email,
           display_name = EXCLUDED.display_name`,
        [
          event.payload.userId,
          event.payload.roles,
          event.payload.email.toLowerCase(),
          event.payload.displayName,
        ],
      );
    },
    'patient.created': async (event, manager) => {
      await manager.query(
        `INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)
         ON CONFLICT (patient_id) DO UPDATE SET owner_user_id = EXCLUDED.owner_user_id`,
        [event.payload.patientId, event.payload.ownerUserId],
      );
    },
  };
}
