import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';

function clientCode(code: MonitoringErrorCode): ErrorCode {
  switch (code) {
    case MonitoringErrorCode.BAD_USER_INPUT:
    case MonitoringErrorCode.INVALID_RANGE:
      return ErrorCode.BAD_USER_INPUT;
    case MonitoringErrorCode.ALERT_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case MonitoringErrorCode.ALERT_RESOLVED:
      return ErrorCode.CONFLICT;
    case MonitoringErrorCode.CLIENT_ERRORS_RATE_LIMITED:
      return ErrorCode.RATE_LIMITED;
  }
}

/** Monitoring's one error mapping, registered with defineSubgraph: MonitoringError → DomainError, reason kept. */
export function mapMonitoringError(error: unknown): DomainError | null {
  if (!(error instanceof MonitoringError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
