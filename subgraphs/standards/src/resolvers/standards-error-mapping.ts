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

/** Runs domain code and turns its StandardsError into the client-facing DomainError (reason kept in details). */
export async function withStandardsErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StandardsError) {
      throw new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
    }
    throw error;
  }
}
