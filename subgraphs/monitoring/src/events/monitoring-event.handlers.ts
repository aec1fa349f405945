import type { ConsumerHandlers } from '@holovitals/events';
import { fireAlert } from '../alerts/alert-firing';
import { recordErrorOccurrence } from '../errors/error-recording';
import { AlertRuleEntity } from '../entities/alert-rule.entity';
import { AlertRuleKind, ErrorOrigin } from '../monitoring-vocabulary';

/** compliance's severities as numbers, for a SECURITY_ALERT rule's threshold (1 LOW … 4 CRITICAL). */
const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;

/**
 * Monitoring consumes `error.reported` (any service, under its own signed name: the group's service is the event's
 * `source`, never a payload field) and compliance's `security.alert.raised`, which fires the SECURITY_ALERT rules.
 */
export function monitoringEventHandlers(): ConsumerHandlers {
  return {
    'error.reported': async (event, manager) => {
      await recordErrorOccurrence(manager, {
        id: event.id,
        service: event.source,
        origin: event.payload.origin === 'JOB' ? ErrorOrigin.JOB : ErrorOrigin.RESOLVER,
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
      const rules = await manager
        .getRepository(AlertRuleEntity)
        .find({ where: { kind: AlertRuleKind.SECURITY_ALERT, enabled: true } });
      const rank = SEVERITY_RANK[event.payload.severity];
      for (const rule of rules.filter((candidate) => rank >= candidate.threshold)) {
        await fireAlert(
          manager,
          rule,
          {
            subject: `security-alert/${event.payload.alertId}`,
            summary: `compliance raised a ${event.payload.severity} security alert: ${event.payload.kind} (alert ${event.payload.alertId})`,
          },
          new Date(event.occurredAt),
        );
      }
    },
  };
}
