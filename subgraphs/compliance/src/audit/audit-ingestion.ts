import type { DomainEvent } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { raiseDeduplicatedAlerts } from '../alerts/alert-raising';
import { evaluateAlertRules } from '../alerts/alert-rules';
import type { ComplianceConfig } from '../config';
import type { SecurityAlertEntity } from '../entities/security-alert.entity';
import { appendAuditEvents } from './audit-append';

/**
 * Everything one batch of audit.recorded events does, in the consumer's transaction: chained append (skipping
 * events already in the log) with their RBAC decisions, then the alert rules over what was appended. Returns the
 * alerts raised.
 */
export async function ingestAuditEvents(
  manager: EntityManager,
  events: ReadonlyArray<DomainEvent<'audit.recorded'>>,
  config: ComplianceConfig,
): Promise<SecurityAlertEntity[]> {
  const appended = await appendAuditEvents(manager, events);
  const alerts = await evaluateAlertRules(manager, appended, {
    failedSignInsPerAddress: config.ALERT_FAILED_SIGN_INS_PER_ADDRESS,
    failedSignInsPerAccount: config.ALERT_FAILED_SIGN_INS_PER_ACCOUNT,
    failedSignInsWindowSeconds: config.ALERT_FAILED_SIGN_INS_WINDOW_SECONDS,
    patientsReadThreshold: config.ALERT_PATIENTS_READ_THRESHOLD,
    patientsReadWindowSeconds: config.ALERT_PATIENTS_READ_WINDOW_SECONDS,
    failedChallengesPerUser: config.ALERT_FAILED_CHALLENGES_PER_USER,
    failedChallengesWindowSeconds: config.ALERT_FAILED_CHALLENGES_WINDOW_SECONDS,
  });
  return raiseDeduplicatedAlerts(manager, alerts, config.ALERT_DEDUPE_WINDOW_SECONDS);
}
