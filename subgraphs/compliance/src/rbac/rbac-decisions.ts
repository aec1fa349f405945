/**
 * Copies the authorization decision of each audit entry just appended (the rows of `appended`, an
 * `INSERT … RETURNING` in the same statement) into the RBAC access log: DENIED is a refusal; SUCCESS and FAILURE
 * passed the check (a FAILURE failed after it). A decision is only ever written with its new entry, so it needs no
 * conflict handling (the appender role could not use a conflict target anyway: that takes SELECT).
 */
export const RBAC_DECISIONS_OF_APPENDED = `
  INSERT INTO rbac_access_log
    (seq, event_id, occurred_at, decision, actor_id, actor_roles, action, entity_type, patient_ids, service)
  SELECT seq, event_id, occurred_at, CASE outcome WHEN 'DENIED' THEN 'DENY' ELSE 'ALLOW' END,
         actor_id, actor_roles, action, entity_type, patient_ids, service
    FROM appended`;
