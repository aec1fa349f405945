import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { DocumentsError, DocumentsErrorCode } from '../documents-error';

function clientCode(code: DocumentsErrorCode): ErrorCode {
  switch (code) {
    case DocumentsErrorCode.BAD_USER_INPUT:
      return ErrorCode.BAD_USER_INPUT;
    case DocumentsErrorCode.DOCUMENT_NOT_FOUND:
    case DocumentsErrorCode.EXTRACTION_NOT_FOUND:
    case DocumentsErrorCode.PATIENT_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case DocumentsErrorCode.ACCESS_DENIED:
      return ErrorCode.FORBIDDEN;
    case DocumentsErrorCode.FILE_TOO_LARGE:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case DocumentsErrorCode.NOT_UPLOADED:
    case DocumentsErrorCode.ALREADY_DECIDED:
      return ErrorCode.CONFLICT;
  }
}

/** The documents subgraph's one error mapping, registered with defineSubgraph: DocumentsError → DomainError. */
export function mapDocumentsError(error: unknown): DomainError | null {
  if (!(error instanceof DocumentsError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
