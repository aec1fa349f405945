import type { ChangePublisher } from '@holovitals/live-changes';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { deliverPendingNotifications, type NotificationSettings } from '../alerts/alert-notifications';
import { evaluateAlertRules } from '../alerts/alert-evaluation';
import { SERVICE_HEALTH_CHANGED } from '../live/service-health-change.resolver';
import { HealthStatus } from '../monitoring-vocabulary';
import { checkHealth } from './health-check';
import { recordHealthChecks, type HealthTransition } from './health-recording';
import type { MonitoringTarget } from './monitoring-targets';

export interface HealthRoundDeps {
  dataSource: DataSource;
  targets: readonly MonitoringTarget[];
  checkTimeoutMs: number;
  publisher: ChangePublisher;
  notifications: NotificationSettings;
  logger: Logger;
}

export interface HealthRoundOutcome {
  transitions: HealthTransition[];
  fired: string[];
  resolved: number;
  delivered: number;
}

/**
 * One round of the worker's loop: check every process at once, store what changed, tell subscribers, evaluate the
 * alert rules against the fresh state and send the notifications of new alerts. A round is one bull job, so with
 * several workers only one runs it per interval.
 */
export async function runHealthRound(deps: HealthRoundDeps): Promise<HealthRoundOutcome> {
  const results = await Promise.all(deps.targets.map((target) => checkHealth(target, deps.checkTimeoutMs)));
  const transitions = await recordHealthChecks(deps.dataSource, deps.targets, results);
  for (const transition of transitions) {
    deps.logger.info(
      { service: transition.service, from: transition.from, to: transition.to, detail: transition.detail },
      'service health changed',
    );
    const change = {
      typename: 'ServiceHealth',
      id: transition.service,
      kind: transition.from === HealthStatus.UNKNOWN ? ('CREATED' as const) : ('UPDATED' as const),
      changed: ['status'],
      at: new Date(),
    };
    // Once for the process's own subscribers and once for those watching every process.
    await Promise.all([
      deps.publisher.publish(SERVICE_HEALTH_CHANGED, { serviceId: transition.service }, change),
      deps.publisher.publish(SERVICE_HEALTH_CHANGED, {}, change),
    ]).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not publish a health change'));
  }
  const evaluation = await evaluateAlertRules(deps.dataSource);
  const notified = await deliverPendingNotifications(deps.dataSource, deps.notifications);
  return {
    transitions,
    fired: evaluation.fired,
    resolved: evaluation.resolved,
    delivered: notified.delivered,
  };
}
