import type { EntityManager } from 'typeorm';

/**
 * Copies the authorization decision of each newly appended audit entry into the RBAC access log in one statement:
 * DENIED is a refusal; SUCCESS and FAILURE passed the check (a FAILURE failed after it).
 */
export async function recordRbacDecisions(manager: EntityManager, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await manager.query(
    `INSERT INTO rbac_access_log
       (seq, event_id, occurred_at, decision, actor_id, actor_roles, action, entity_type, patient_ids, service)
     SELECT seq, event_id, occurred_at, CASE outcome WHEN 'DENIED' THEN 'DENY' ELSE 'ALLOW' END,
            actor_id, actor_roles, action, entity_type, patient_ids, service
       FROM audit_log WHERE event_id = ANY($1::uuid[])
     ON CONFLICT (event_id) DO NOTHING`,
    [eventIds],
  );
}
