import type { Principal } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AlertRuleEntity } from '../entities/alert-rule.entity';
import { OperationalAlertEntity } from '../entities/operational-alert.entity';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';
import { AlertRuleKind, OperationalAlertStatus } from '../monitoring-vocabulary';
import { channelTargetProblem, type CreateAlertRuleInput } from '../resolvers/types/create-alert-rule.input';

const invalid = (field: string, message: string): MonitoringError =>
  new MonitoringError(MonitoringErrorCode.BAD_USER_INPUT, message, { field });

/** Checks what the input types cannot: the threshold's range for the kind, channel targets, a metric name. */
function ruleProblem(input: CreateAlertRuleInput): MonitoringError | null {
  if (!Number.isFinite(input.threshold)) return invalid('threshold', 'threshold must be a finite number.');
  switch (input.kind) {
    case AlertRuleKind.ERROR_RATE:
      if (input.threshold < 0 || input.threshold >= 1)
        return invalid('threshold', 'An ERROR_RATE threshold is a share from 0 (inclusive) to 1.');
      if (input.windowSeconds < 60)
        return invalid('windowSeconds', 'Rates need a window of at least 60 seconds.');
      break;
    case AlertRuleKind.P95_LATENCY:
      if (input.threshold <= 0)
        return invalid('threshold', 'A P95_LATENCY threshold is a positive number of ms.');
      if (input.windowSeconds < 60)
        return invalid('windowSeconds', 'Percentiles need a window of at least 60 seconds.');
      break;
    case AlertRuleKind.SECURITY_ALERT:
      if (![1, 2, 3, 4].includes(input.threshold))
        return invalid(
          'threshold',
          'A SECURITY_ALERT threshold is a severity: 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL.',
        );
      break;
    case AlertRuleKind.RIGHTS_REQUEST_DEADLINE:
      if (![1, 2].includes(input.threshold))
        return invalid('threshold', 'A RIGHTS_REQUEST_DEADLINE threshold is a stage: 1 WARNING, 2 OVERDUE.');
      break;
    case AlertRuleKind.METRIC_THRESHOLD:
      if (!input.subject || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(input.subject))
        return invalid('subject', 'A METRIC_THRESHOLD rule names its metric in subject.');
      break;
    case AlertRuleKind.DATABASE_ERRORS:
      if (input.windowSeconds < 60)
        return invalid('windowSeconds', 'Counting failures needs a window of at least 60 seconds.');
      if (input.threshold < 0) return invalid('threshold', 'threshold must not be negative.');
      break;
    case AlertRuleKind.CREDENTIAL_EXPIRY:
      if (input.threshold <= 0)
        return invalid(
          'threshold',
          'A CREDENTIAL_EXPIRY threshold is a positive number of seconds of warning.',
        );
      break;
    case AlertRuleKind.SERVICE_DOWN:
    case AlertRuleKind.QUEUE_BACKLOG:
    case AlertRuleKind.ERROR_REPORTS:
    case AlertRuleKind.EVENT_LAG:
      if (input.threshold < 0) return invalid('threshold', 'threshold must not be negative.');
      break;
  }
  for (const [index, channel] of input.channels.entries()) {
    const problem = channelTargetProblem(channel);
    if (problem) return invalid(`channels.${index}.target`, problem);
  }
  return null;
}

export async function createAlertRule(
  dataSource: DataSource,
  principal: Principal,
  input: CreateAlertRuleInput,
): Promise<AlertRuleEntity> {
  const problem = ruleProblem(input);
  if (problem) throw problem;
  const repository = dataSource.getRepository(AlertRuleEntity);
  return repository.save(
    repository.create({
      name: input.name,
      kind: input.kind,
      service: input.service ?? null,
      subject: input.subject ?? null,
      threshold: input.threshold,
      windowSeconds: input.windowSeconds,
      severity: input.severity,
      channels: input.channels.map((channel) => ({ kind: channel.kind, target: channel.target })),
      enabled: true,
      createdBy: principal.id,
    }),
  );
}

/** An administrator takes an alert on; it stays open until its condition clears. */
export async function acknowledgeOperationalAlert(
  dataSource: DataSource,
  principal: Principal,
  id: string,
): Promise<OperationalAlertEntity> {
  const repository = dataSource.getRepository(OperationalAlertEntity);
  const alert = /^[0-9a-f-]{36}$/i.test(id) ? await repository.findOneBy({ id }) : null;
  if (!alert) throw new MonitoringError(MonitoringErrorCode.ALERT_NOT_FOUND, 'No such alert.', { id });
  if (alert.status === OperationalAlertStatus.RESOLVED)
    throw new MonitoringError(MonitoringErrorCode.ALERT_RESOLVED, 'The alert is already resolved.', { id });
  if (alert.status === OperationalAlertStatus.ACKNOWLEDGED) return alert;
  alert.status = OperationalAlertStatus.ACKNOWLEDGED;
  alert.acknowledgedAt = new Date();
  alert.acknowledgedBy = principal.id;
  return repository.save(alert);
}
