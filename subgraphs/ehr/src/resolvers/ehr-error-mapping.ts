import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { EhrError, EhrErrorCode } from '../ehr-error';

function clientCode(code: EhrErrorCode): ErrorCode {
  switch (code) {
    case EhrErrorCode.INVALID_FHIR_BASE_URL:
    case EhrErrorCode.NO_SMART_DISCOVERY:
    case EhrErrorCode.NOT_FHIR_R4:
    case EhrErrorCode.REGISTRATION_REFUSED:
    case EhrErrorCode.PRIVATE_NETWORK:
    case EhrErrorCode.INVALID_ID:
    case EhrErrorCode.REDIRECT_URI_NOT_ALLOWED:
    case EhrErrorCode.INVALID_STATE:
    case EhrErrorCode.AUTHORIZATION_REFUSED:
    case EhrErrorCode.NEEDS_REAUTH:
    case EhrErrorCode.INVALID_PAGE_SIZE:
      return ErrorCode.BAD_USER_INPUT;
    case EhrErrorCode.NOT_A_PATIENT:
      return ErrorCode.FORBIDDEN;
    case EhrErrorCode.PROVIDER_NOT_FOUND:
    case EhrErrorCode.CONNECTION_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
  }
}

/** The ehr subgraph's one error mapping, registered with defineSubgraph: EhrError → DomainError, reason kept. */
export function mapEhrError(error: unknown): DomainError | null {
  if (!(error instanceof EhrError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code });
}
