/** Why an EHR operation refused its input; mapped to the kit's DomainError at the GraphQL boundary. */
export enum EhrErrorCode {
  INVALID_FHIR_BASE_URL = 'INVALID_FHIR_BASE_URL',
  NO_SMART_DISCOVERY = 'NO_SMART_DISCOVERY',
  NOT_FHIR_R4 = 'NOT_FHIR_R4',
  PRIVATE_NETWORK = 'PRIVATE_NETWORK',
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
