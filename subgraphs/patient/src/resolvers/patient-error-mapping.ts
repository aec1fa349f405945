import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { PatientError, PatientErrorCode } from '../patient-error';

function clientCode(code: PatientErrorCode): ErrorCode {
  switch (code) {
    case PatientErrorCode.INVALID_ID:
    case PatientErrorCode.INVALID_CURSOR:
    case PatientErrorCode.NO_OWN_RECORD:
    case PatientErrorCode.NOT_A_BUNDLE:
    case PatientErrorCode.UNSUPPORTED_BUNDLE_TYPE:
      return ErrorCode.BAD_USER_INPUT;
    case PatientErrorCode.ACCESS_DENIED:
    case PatientErrorCode.STEP_UP_REQUIRED:
      return ErrorCode.FORBIDDEN;
    case PatientErrorCode.PATIENT_NOT_FOUND:
    case PatientErrorCode.RECORD_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case PatientErrorCode.STALE_VERSION:
      return ErrorCode.CONFLICT;
    case PatientErrorCode.TOO_MANY_IMPORTS:
      return ErrorCode.RATE_LIMITED;
    case PatientErrorCode.BUNDLE_TOO_LARGE:
      return ErrorCode.PAYLOAD_TOO_LARGE;
  }
}

/** Patient's one error mapping, registered with defineSubgraph: PatientError → DomainError, reason kept. */
export function mapPatientError(error: unknown): DomainError | null {
  if (!(error instanceof PatientError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
