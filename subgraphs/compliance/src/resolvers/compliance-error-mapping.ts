import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';

function clientCode(code: ComplianceErrorCode): ErrorCode {
  switch (code) {
    case ComplianceErrorCode.BAD_USER_INPUT:
    case ComplianceErrorCode.REPORT_RANGE_TOO_LONG:
    case ComplianceErrorCode.ALERT_ALREADY_RESOLVED:
    case ComplianceErrorCode.INVALID_PAGE:
    case ComplianceErrorCode.INVALID_TEXT:
    case ComplianceErrorCode.ALREADY_EXTENDED:
    case ComplianceErrorCode.ALREADY_CLOSED:
    case ComplianceErrorCode.LEGAL_HOLD_RELEASED:
    case ComplianceErrorCode.TOTP_NOT_ENROLLED:
    case ComplianceErrorCode.TOTP_ALREADY_ENROLLED:
    case ComplianceErrorCode.INVALID_TOTP_CODE:
    case ComplianceErrorCode.TOTP_CODE_ALREADY_USED:
    case ComplianceErrorCode.CHALLENGE_EXPIRED:
    case ComplianceErrorCode.CHALLENGE_ALREADY_VERIFIED:
      return ErrorCode.BAD_USER_INPUT;
    case ComplianceErrorCode.ALERT_NOT_FOUND:
    case ComplianceErrorCode.PATIENT_NOT_FOUND:
    case ComplianceErrorCode.CONSENT_GRANT_NOT_FOUND:
    case ComplianceErrorCode.RIGHTS_REQUEST_NOT_FOUND:
    case ComplianceErrorCode.LEGAL_HOLD_NOT_FOUND:
    case ComplianceErrorCode.CHALLENGE_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case ComplianceErrorCode.ACCESS_LOG_FORBIDDEN:
    case ComplianceErrorCode.CHALLENGE_LOCKED:
    case ComplianceErrorCode.STEP_UP_PURPOSE_FORBIDDEN:
      return ErrorCode.FORBIDDEN;
  }
}

/** Compliance's one error mapping, registered with defineSubgraph: ComplianceError → DomainError, reason kept. */
export function mapComplianceError(error: unknown): DomainError | null {
  if (!(error instanceof ComplianceError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
