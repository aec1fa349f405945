/** Why a monitoring operation refused; mapped to the kit's DomainError at the GraphQL boundary. */
export enum MonitoringErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_RANGE = 'INVALID_RANGE',
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  ALERT_RESOLVED = 'ALERT_RESOLVED',
  CLIENT_ERRORS_RATE_LIMITED = 'CLIENT_ERRORS_RATE_LIMITED',
}

export class MonitoringError extends Error {
  override readonly name = 'MonitoringError';

  constructor(
    readonly code: MonitoringErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
