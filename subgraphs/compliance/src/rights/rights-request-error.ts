/** Why a rights request operation refused; mapped to the kit's DomainError at the GraphQL boundary. */
export enum RightsRequestErrorCode {
  INVALID_TEXT = 'INVALID_TEXT',
  INVALID_PAGE = 'INVALID_PAGE',
  REQUEST_NOT_FOUND = 'REQUEST_NOT_FOUND',
  ALREADY_EXTENDED = 'ALREADY_EXTENDED',
  ALREADY_CLOSED = 'ALREADY_CLOSED',
}

/** Thrown by the rights request use cases on input or state they refuse; nothing is written before it. */
export class RightsRequestError extends Error {
  override readonly name = 'RightsRequestError';

  constructor(
    readonly code: RightsRequestErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
