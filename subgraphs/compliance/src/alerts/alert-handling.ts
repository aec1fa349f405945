import { recordAudit, requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { SecurityAlertEntity } from '../entities/security-alert.entity';
import { raiseAlert } from './alert-raising';
import { SecurityAlertStatus, type SecurityAlertSeverity } from './alert-vocabulary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ManualAlertRequest {
  severity: SecurityAlertSeverity;
  details: string;
  actorId?: string | null;
  patientId?: string | null;
}

function auditAlert(alert: SecurityAlertEntity, action: string) {
  return {
    action,
    entityType: 'SecurityAlert',
    entityIds: [alert.id],
    patientIds: alert.patientId ? [alert.patientId] : [],
    outcome: 'SUCCESS' as const,
  };
}

/** An administrator raises an alert by hand (e.g. a report from outside); audited, never deduplicated. */
export async function raiseManualAlert(
  ctx: RequestContext,
  request: ManualAlertRequest,
): Promise<SecurityAlertEntity> {
  const admin = requireRole(ctx, Role.ADMIN);
  const details = request.details.trim();
  if (details.length === 0) {
    throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'Describe what happened.', {
      field: 'details',
    });
  }
  return ctx.dataSource.transaction(async (manager) => {
    const alert = await raiseAlert(
      manager,
      {
        kind: 'MANUAL',
        severity: request.severity,
        subject: request.actorId ?? request.patientId ?? admin.id,
        actorId: request.actorId ?? null,
        patientId: request.patientId ?? null,
        details,
        eventIds: [],
        raisedBy: admin.id,
      },
      ctx.traceId,
    );
    await recordAudit(manager, ctx, auditAlert(alert, 'raise'));
    return alert;
  });
}

/** Moves an alert on to ACKNOWLEDGED or RESOLVED; repeating a step is harmless, going back is refused. */
export async function advanceAlert(
  ctx: RequestContext,
  id: string,
  to: SecurityAlertStatus.ACKNOWLEDGED | SecurityAlertStatus.RESOLVED,
): Promise<SecurityAlertEntity> {
  const admin = requireRole(ctx, Role.ADMIN);
  return ctx.dataSource.transaction(async (manager) => {
    const alert = !UUID.test(id)
      ? null
      : await manager.findOne(SecurityAlertEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
    if (!alert)
      throw new ComplianceError(ComplianceErrorCode.ALERT_NOT_FOUND, 'No security alert has this id.');
    if (alert.status === to) return alert;
    if (alert.status === SecurityAlertStatus.RESOLVED) {
      throw new ComplianceError(
        ComplianceErrorCode.ALERT_ALREADY_RESOLVED,
        'This alert is already resolved.',
      );
    }
    alert.status = to;
    if (alert.acknowledgedAt === null) {
      alert.acknowledgedBy = admin.id;
      alert.acknowledgedAt = new Date();
    }
    await manager.update(
      SecurityAlertEntity,
      { id },
      { status: alert.status, acknowledgedBy: alert.acknowledgedBy, acknowledgedAt: alert.acknowledgedAt },
    );
    await recordAudit(
      manager,
      ctx,
      auditAlert(alert, to === SecurityAlertStatus.ACKNOWLEDGED ? 'acknowledge' : 'resolve'),
    );
    return alert;
  });
}
