/** Why a compliance operation refused; mapped to the kit's DomainError at the GraphQL boundary. */
export enum ComplianceErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  REPORT_RANGE_TOO_LONG = 'REPORT_RANGE_TOO_LONG',
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  ALERT_ALREADY_RESOLVED = 'ALERT_ALREADY_RESOLVED',
  ACCESS_LOG_FORBIDDEN = 'ACCESS_LOG_FORBIDDEN',
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
}

/** Thrown by the alert, report and access-log code on input it cannot use or data that is not there. */
export class ComplianceError extends Error {
  override readonly name = 'ComplianceError';

  constructor(
    readonly code: ComplianceErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
