import type { EntityManager } from 'typeorm';

/**
 * Before a purge: copies each security alert raised before the horizon, or citing an audit entry about to be
 * deleted, into `security_alert_archive` with the audit entries it cites (its evidence), once per alert. Alerts
 * themselves are never purged; the archive keeps their evidence after the entries are gone. Returns how many
 * were archived.
 */
export async function archiveAlertsBeforePurge(
  manager: EntityManager,
  horizon: Date,
  throughSeq: number,
): Promise<number> {
  const rows: Array<{ alert_id: string }> = await manager.query(
    `INSERT INTO security_alert_archive (alert_id, alert, evidence)
     SELECT a.id, to_jsonb(a),
            coalesce((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.seq) FROM audit_log l WHERE l.event_id = ANY(a.event_ids)),
                     '[]'::jsonb)
       FROM security_alert a
      WHERE (a.raised_at < $1
             OR EXISTS (SELECT 1 FROM audit_log l
                         WHERE l.event_id = ANY(a.event_ids) AND l.seq <= $2
                           AND NOT audit_row_held(l.patient_ids, l.actor_id)))
        AND NOT EXISTS (SELECT 1 FROM security_alert_archive s WHERE s.alert_id = a.id)
     RETURNING alert_id`,
    [horizon.toISOString(), throughSeq],
  );
  return rows.length;
}
