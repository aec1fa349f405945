import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { IdentityError, IdentityErrorCode } from '../identity-error';

function clientCode(code: IdentityErrorCode): ErrorCode {
  switch (code) {
    case IdentityErrorCode.INVALID_CREDENTIALS:
    case IdentityErrorCode.INVALID_REFRESH_TOKEN:
    case IdentityErrorCode.REFRESH_TOKEN_REUSED:
    case IdentityErrorCode.INVALID_CLIENT:
      return ErrorCode.UNAUTHENTICATED;
    case IdentityErrorCode.ACCOUNT_LOCKED:
    case IdentityErrorCode.EMAIL_NOT_VERIFIED:
    case IdentityErrorCode.INVALID_SCOPE:
    case IdentityErrorCode.EMAIL_HIDDEN:
      return ErrorCode.FORBIDDEN;
    case IdentityErrorCode.SIGN_IN_THROTTLED:
    case IdentityErrorCode.VERIFICATION_THROTTLED:
      return ErrorCode.RATE_LIMITED;
    case IdentityErrorCode.INVALID_VERIFICATION_TOKEN:
    case IdentityErrorCode.NO_SESSION_IN_TOKEN:
      return ErrorCode.BAD_USER_INPUT;
    case IdentityErrorCode.SESSION_NOT_FOUND:
    case IdentityErrorCode.SERVICE_CLIENT_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
  }
}

/** Identity's one error mapping, registered with defineSubgraph: IdentityError → DomainError, reason kept. */
export function mapIdentityError(error: unknown): DomainError | null {
  if (!(error instanceof IdentityError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
