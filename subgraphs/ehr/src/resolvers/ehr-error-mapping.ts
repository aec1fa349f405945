import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { EhrError, EhrErrorCode } from '../ehr-error';

function clientCode(code: EhrErrorCode): ErrorCode {
  switch (code) {
    case EhrErrorCode.INVALID_FHIR_BASE_URL:
    case EhrErrorCode.NO_SMART_DISCOVERY:
    case EhrErrorCode.NOT_FHIR_R4:
    case EhrErrorCode.PRIVATE_NETWORK:
      return ErrorCode.BAD_USER_INPUT;
  }
}

/** Runs domain code and turns its EhrError into the client-facing DomainError (reason kept in details). */
export async function withEhrErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EhrError)
      throw new DomainError(clientCode(error.code), error.message, { reason: error.code });
    throw error;
  }
}
