/** Why a standards operation refused its input; mapped to the kit's DomainError at the GraphQL boundary. */
export enum StandardsErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_UNIT = 'INVALID_UNIT',
  INCOMPATIBLE_UNITS = 'INCOMPATIBLE_UNITS',
  MOLECULAR_WEIGHT_REQUIRED = 'MOLECULAR_WEIGHT_REQUIRED',
}

/** Thrown by the terminology, unit and standardization code on input it cannot use; never cached. */
export class StandardsError extends Error {
  override readonly name = 'StandardsError';

  constructor(
    readonly code: StandardsErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
