import { enqueueEvent } from '@holovitals/events';
import type { DataSource } from 'typeorm';
import { RightsRequestStatus } from './rights-vocabulary';

const DAY_MS = 86_400_000;

export type DeadlineStage = 'WARNING' | 'OVERDUE';

interface LapsingRow {
  id: string;
  patient_id: string | null;
  requester_user_id: string;
  kind: string;
  due_at: Date;
  stage: DeadlineStage;
}

/**
 * Sends `rights.request.deadline.approaching` for every open or extended request due within `warningDays`
 * (WARNING) or already past due (OVERDUE), once per request, stage and due date: the notice row and its event
 * commit together, and the notice's primary key makes a repeated or concurrent run send nothing twice. An
 * extension moves the due date, so the stages run again for the new one. Returns how many notices were sent.
 */
export async function notifyLapsingRightsRequests(
  dataSource: DataSource,
  service: string,
  options: { warningDays: number; now?: Date },
): Promise<number> {
  const now = options.now ?? new Date();
  const horizon = new Date(now.getTime() + options.warningDays * DAY_MS);
  return dataSource.transaction(async (manager) => {
    const rows: LapsingRow[] = await manager.query(
      `WITH lapsing AS (
         SELECT r.id, r.patient_id, r.requester_user_id, r.kind, r.due_at,
                CASE WHEN r.due_at <= $2 THEN 'OVERDUE' ELSE 'WARNING' END AS stage
           FROM rights_request r
          WHERE r.status = ANY($1::text[]) AND r.due_at <= $3
       ), sent AS (
         INSERT INTO rights_deadline_notice (request_id, stage, due_at)
         SELECT id, stage, due_at FROM lapsing
         ON CONFLICT DO NOTHING
         RETURNING request_id, stage, due_at
       )
       SELECT l.* FROM lapsing l JOIN sent s ON s.request_id = l.id AND s.stage = l.stage AND s.due_at = l.due_at`,
      [[RightsRequestStatus.OPEN, RightsRequestStatus.EXTENDED], now, horizon],
    );
    for (const row of rows) {
      await enqueueEvent(manager, service, 'rights.request.deadline.approaching', {
        requestId: row.id,
        patientId: row.patient_id,
        requesterUserId: row.requester_user_id,
        kind: row.kind,
        stage: row.stage,
        dueAt: new Date(row.due_at).toISOString(),
      });
    }
    return rows.length;
  });
}
