/** Why a compliance operation refused; the one mapping at the GraphQL boundary turns each into a client code. */
export enum ComplianceErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  REPORT_RANGE_TOO_LONG = 'REPORT_RANGE_TOO_LONG',
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  ALERT_ALREADY_RESOLVED = 'ALERT_ALREADY_RESOLVED',
  ACCESS_LOG_FORBIDDEN = 'ACCESS_LOG_FORBIDDEN',
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
  INVALID_PAGE = 'INVALID_PAGE',
  INVALID_TEXT = 'INVALID_TEXT',
  CONSENT_GRANT_NOT_FOUND = 'CONSENT_GRANT_NOT_FOUND',
  RIGHTS_REQUEST_NOT_FOUND = 'RIGHTS_REQUEST_NOT_FOUND',
  ALREADY_EXTENDED = 'ALREADY_EXTENDED',
  ALREADY_CLOSED = 'ALREADY_CLOSED',
  LEGAL_HOLD_NOT_FOUND = 'LEGAL_HOLD_NOT_FOUND',
  LEGAL_HOLD_RELEASED = 'LEGAL_HOLD_RELEASED',
  TOTP_NOT_ENROLLED = 'TOTP_NOT_ENROLLED',
  TOTP_ALREADY_ENROLLED = 'TOTP_ALREADY_ENROLLED',
  INVALID_TOTP_CODE = 'INVALID_TOTP_CODE',
  TOTP_CODE_ALREADY_USED = 'TOTP_CODE_ALREADY_USED',
  CHALLENGE_NOT_FOUND = 'CHALLENGE_NOT_FOUND',
  CHALLENGE_EXPIRED = 'CHALLENGE_EXPIRED',
  CHALLENGE_ALREADY_VERIFIED = 'CHALLENGE_ALREADY_VERIFIED',
  CHALLENGE_LOCKED = 'CHALLENGE_LOCKED',
  STEP_UP_PURPOSE_FORBIDDEN = 'STEP_UP_PURPOSE_FORBIDDEN',
}

/** Thrown by compliance's use cases on input they refuse or data that is not there; nothing is written before it. */
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
