import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import type { MiddlewareFn } from 'type-graphql';
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

/** The client-facing form of a PatientError: the kit's code, the patient reason kept in details. */
export function toDomainError(error: PatientError): DomainError {
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}

/** Runs domain code and turns its PatientError into the client-facing DomainError. */
export async function withPatientErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PatientError) throw toDomainError(error);
    throw error;
  }
}

/** The same boundary for every field of a resolver class it decorates. */
export const PatientErrorBoundary: MiddlewareFn = (_action, next) => withPatientErrors(next);
