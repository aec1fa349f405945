/** Why a patient operation refused; mapped to the kit's DomainError once, at the GraphQL boundary. */
export enum PatientErrorCode {
  INVALID_ID = 'INVALID_ID',
  INVALID_CURSOR = 'INVALID_CURSOR',
  ACCESS_DENIED = 'ACCESS_DENIED',
  STEP_UP_REQUIRED = 'STEP_UP_REQUIRED',
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
  RECORD_NOT_FOUND = 'RECORD_NOT_FOUND',
  STALE_VERSION = 'STALE_VERSION',
  NO_OWN_RECORD = 'NO_OWN_RECORD',
  TOO_MANY_IMPORTS = 'TOO_MANY_IMPORTS',
  NOT_A_BUNDLE = 'NOT_A_BUNDLE',
  UNSUPPORTED_BUNDLE_TYPE = 'UNSUPPORTED_BUNDLE_TYPE',
  BUNDLE_TOO_LARGE = 'BUNDLE_TOO_LARGE',
}

/** Thrown by the patient subgraph's access, record and import code; never by the FHIR mapping (see FhirMappingError). */
export class PatientError extends Error {
  override readonly name = 'PatientError';

  constructor(
    readonly code: PatientErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
