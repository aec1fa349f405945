import type { ConsumerHandlers } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { fireAlert, type FiringCondition } from '../alerts/alert-firing';
import { recordErrorOccurrence } from '../errors/error-recording';
import { AlertRuleEntity } from '../entities/alert-rule.entity';
import { AlertRuleKind, ErrorOrigin } from '../monitoring-vocabulary';

/** compliance's severities as numbers, for a SECURITY_ALERT rule's threshold (1 LOW … 4 CRITICAL). */
const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;
/** A rights request's deadline stages as numbers, for a RIGHTS_REQUEST_DEADLINE rule's threshold. */
const STAGE_RANK = { WARNING: 1, OVERDUE: 2 } as const;

/** Fires every enabled rule of an event-driven kind whose threshold the event's rank reaches. */
async function fireEventRules(
  manager: EntityManager,
  kind: AlertRuleKind,
  rank: number,
  condition: FiringCondition,
  at: Date,
): Promise<void> {
  const rules = await manager.getRepository(AlertRuleEntity).find({ where: { kind, enabled: true } });
  for (const rule of rules.filter((candidate) => rank >= candidate.threshold)) {
    await fireAlert(manager, rule, condition, at);
  }
}

/**
 * Monitoring consumes `error.reported` (any service, under its own signed name: the group's service is the event's
 * `source`, never a payload field), and compliance's `security.alert.raised` and `rights.request.deadline.approaching`, which fire
 * the SECURITY_ALERT and RIGHTS_REQUEST_DEADLINE rules.
 */
export function monitoringEventHandlers(): ConsumerHandlers {
  return {
    'error.reported': async (event, manager) => {
      await recordErrorOccurrence(manager, {
        id: event.id,
        service: event.source,
        origin: ErrorOrigin[event.payload.origin],
        errorName: event.payload.errorName,
        message: event.payload.message,
        stack: event.payload.stack,
        traceId: event.traceId,
        operation: event.payload.operation,
        path: event.payload.path,
        occurredAt: new Date(event.occurredAt),
      });
    },
    'security.alert.raised': async (event, manager) => {
      await fireEventRules(
        manager,
        AlertRuleKind.SECURITY_ALERT,
        SEVERITY_RANK[event.payload.severity],
        {
          subject: `security-alert/${event.payload.alertId}`,
          summary: `compliance raised a ${event.payload.severity} security alert: ${event.payload.kind} (alert ${event.payload.alertId})`,
        },
        new Date(event.occurredAt),
      );
    },
    // The summary names the request and its clock only: who filed it and about what stays in compliance.
    'rights.request.deadline.approaching': async (event, manager) => {
      const { requestId, kind, stage, dueAt } = event.payload;
      await fireEventRules(
        manager,
        AlertRuleKind.RIGHTS_REQUEST_DEADLINE,
        STAGE_RANK[stage],
        {
          subject: `rights-request/${requestId}/${stage}`,
          summary:
            stage === 'OVERDUE'
              ? `Patient rights request ${requestId} (${kind}) is past its deadline of ${dueAt}`
              : `Patient rights request ${requestId} (${kind}) is due by ${dueAt}`,
        },
        new Date(event.occurredAt),
      );
    },
  };
}
