import { enqueueEvent } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { SecurityAlertEntity } from '../entities/security-alert.entity';
import { SecurityAlertStatus, type SecurityAlertKind, type SecurityAlertSeverity } from './alert-vocabulary';

/** The service that owns security.alert.raised. */
const COMPLIANCE_SERVICE = 'compliance';

export interface NewSecurityAlert {
  kind: SecurityAlertKind;
  severity: SecurityAlertSeverity;
  subject: string;
  actorId: string | null;
  patientId: string | null;
  details: string;
  eventIds: string[];
  raisedBy: string | null;
}

/**
 * Stores the alert and its security.alert.raised event in the caller's transaction, so the alert exists exactly
 * when its event does.
 */
export async function raiseAlert(
  manager: EntityManager,
  alert: NewSecurityAlert,
  traceId: string | null,
): Promise<SecurityAlertEntity> {
  const saved = await manager.save(
    manager.create(SecurityAlertEntity, {
      ...alert,
      status: SecurityAlertStatus.OPEN,
      raisedAt: new Date(),
      acknowledgedBy: null,
      acknowledgedAt: null,
    }),
  );
  await enqueueEvent(
    manager,
    COMPLIANCE_SERVICE,
    'security.alert.raised',
    {
      alertId: saved.id,
      kind: saved.kind,
      severity: saved.severity,
      actorId: saved.actorId,
      patientId: saved.patientId,
    },
    { traceId },
  );
  return saved;
}

/**
 * Raises each alert unless one of the same kind and subject is still unresolved and younger than the dedupe
 * window; one query finds those for the whole batch. Callers hold the audit chain lock, so two batches never
 * raise the same alert side by side.
 */
export async function raiseDeduplicatedAlerts(
  manager: EntityManager,
  alerts: NewSecurityAlert[],
  dedupeWindowSeconds: number,
): Promise<SecurityAlertEntity[]> {
  if (alerts.length === 0) return [];
  const open: Array<{ kind: string; subject: string }> = await manager.query(
    `SELECT DISTINCT kind, subject FROM security_alert
     WHERE status <> 'RESOLVED' AND raised_at > now() - make_interval(secs => $1)
       AND kind = ANY($2) AND subject = ANY($3)`,
    [dedupeWindowSeconds, alerts.map((alert) => alert.kind), alerts.map((alert) => alert.subject)],
  );
  const taken = new Set(open.map((row) => `${row.kind}\u0000${row.subject}`));
  const raised: SecurityAlertEntity[] = [];
  for (const alert of alerts) {
    const key = `${alert.kind}\u0000${alert.subject}`;
    if (taken.has(key)) continue;
    taken.add(key);
    raised.push(await raiseAlert(manager, alert, null));
  }
  return raised;
}
