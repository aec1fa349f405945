import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { StandardsError, StandardsErrorCode } from '../standards-error';

function clientCode(code: StandardsErrorCode): ErrorCode {
  switch (code) {
    case StandardsErrorCode.BAD_USER_INPUT:
    case StandardsErrorCode.INVALID_UNIT:
    case StandardsErrorCode.INCOMPATIBLE_UNITS:
    case StandardsErrorCode.MOLECULAR_WEIGHT_REQUIRED:
      return ErrorCode.BAD_USER_INPUT;
  }
}

/** Standards' one error mapping, registered with defineSubgraph: StandardsError → DomainError, reason kept. */
export function mapStandardsError(error: unknown): DomainError | null {
  if (!(error instanceof StandardsError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
