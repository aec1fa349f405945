/** Why a file could not be read; the message is shown to the patient as the document's failure reason. */
export enum DocumentReadFailure {
  EMPTY = 'EMPTY',
  UNSUPPORTED_TYPE = 'UNSUPPORTED_TYPE',
  ENCRYPTED_PDF = 'ENCRYPTED_PDF',
  CORRUPT = 'CORRUPT',
  TOO_MANY_PAGES = 'TOO_MANY_PAGES',
  IMAGE_TOO_LARGE = 'IMAGE_TOO_LARGE',
  INFECTED = 'INFECTED',
}

/** A file the pipeline refuses for good: the job does not retry it, the document is marked FAILED or REJECTED. */
export class DocumentReadError extends Error {
  override readonly name = 'DocumentReadError';

  constructor(
    readonly failure: DocumentReadFailure,
    message: string,
  ) {
    super(message);
  }
}
