/** Why an EHR operation refused its input or failed; mapped to the kit's DomainError at the GraphQL boundary. */
export enum EhrErrorCode {
  INVALID_FHIR_BASE_URL = 'INVALID_FHIR_BASE_URL',
  NO_SMART_DISCOVERY = 'NO_SMART_DISCOVERY',
  NOT_FHIR_R4 = 'NOT_FHIR_R4',
  REGISTRATION_REFUSED = 'REGISTRATION_REFUSED',
  PRIVATE_NETWORK = 'PRIVATE_NETWORK',
  INVALID_ID = 'INVALID_ID',
  NOT_A_PATIENT = 'NOT_A_PATIENT',
  PROVIDER_NOT_FOUND = 'PROVIDER_NOT_FOUND',
  REDIRECT_URI_NOT_ALLOWED = 'REDIRECT_URI_NOT_ALLOWED',
  INVALID_STATE = 'INVALID_STATE',
  AUTHORIZATION_REFUSED = 'AUTHORIZATION_REFUSED',
  CONNECTION_NOT_FOUND = 'CONNECTION_NOT_FOUND',
  NEEDS_REAUTH = 'NEEDS_REAUTH',
  INVALID_PAGE_SIZE = 'INVALID_PAGE_SIZE',
}

export class EhrError extends Error {
  override readonly name = 'EhrError';

  constructor(
    readonly code: EhrErrorCode,
    message: string,
  ) {
    super(message);
  }
}
