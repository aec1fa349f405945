/** Why a documents operation refused its input or its caller; mapped to the kit's DomainError at the GraphQL boundary. */
export enum DocumentsErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
  EXTRACTION_NOT_FOUND = 'EXTRACTION_NOT_FOUND',
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
  ACCESS_DENIED = 'ACCESS_DENIED',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  NOT_UPLOADED = 'NOT_UPLOADED',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
}

export class DocumentsError extends Error {
  override readonly name = 'DocumentsError';

  constructor(
    readonly code: DocumentsErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
