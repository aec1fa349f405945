import type { EntityManager } from 'typeorm';
import type { AlertRuleEntity } from '../entities/alert-rule.entity';
import { OperationalAlertStatus } from '../monitoring-vocabulary';

export interface FiringCondition {
  subject: string;
  summary: string;
}

/**
 * Opens an alert for the rule and subject unless one is open already (the partial unique index makes this safe
 * with several workers). Its notification is sent by the worker's next delivery pass. Returns the new id, if any.
 */
export async function fireAlert(
  manager: EntityManager,
  rule: Pick<AlertRuleEntity, 'id' | 'kind' | 'severity'>,
  condition: FiringCondition,
  at: Date = new Date(),
): Promise<string | null> {
  const rows = (await manager.query(
    `INSERT INTO monitoring_alert (rule_id, kind, subject, severity, status, summary, fired_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (rule_id, subject) WHERE status <> 'RESOLVED' DO NOTHING
     RETURNING id`,
    [
      rule.id,
      rule.kind,
      condition.subject,
      rule.severity,
      OperationalAlertStatus.FIRING,
      condition.summary.slice(0, 1_000),
      at,
    ],
  )) as Array<{ id: string }>;
  return rows[0]?.id ?? null;
}

/** Resolves the rule's open alerts whose subject no longer meets the condition. */
export async function resolveClearedAlerts(
  manager: EntityManager,
  ruleId: string,
  stillFiring: readonly string[],
  at: Date = new Date(),
): Promise<number> {
  const rows = (await manager.query(
    `UPDATE monitoring_alert SET status = $1, resolved_at = $2
      WHERE rule_id = $3 AND status <> $1 AND NOT (subject = ANY($4::text[]))
      RETURNING id`,
    [OperationalAlertStatus.RESOLVED, at, ruleId, stillFiring],
  )) as [unknown[], number] | unknown[];
  return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
}
