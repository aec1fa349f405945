import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { RightsRequestError, RightsRequestErrorCode } from '../rights/rights-request-error';

function clientCode(code: RightsRequestErrorCode): ErrorCode {
  switch (code) {
    case RightsRequestErrorCode.INVALID_TEXT:
    case RightsRequestErrorCode.INVALID_PAGE:
    case RightsRequestErrorCode.ALREADY_EXTENDED:
    case RightsRequestErrorCode.ALREADY_CLOSED:
      return ErrorCode.BAD_USER_INPUT;
    case RightsRequestErrorCode.REQUEST_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
  }
}

/** RightsRequestError → DomainError with its code kept as `reason`. */
export function mapRightsRequestError(error: unknown): DomainError | null {
  if (!(error instanceof RightsRequestError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
