/** Why an analysis operation refused; mapped to the kit's DomainError at the GraphQL boundary. */
export enum AnalysisErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  TASK_FINISHED = 'TASK_FINISHED',
  TOO_MANY_OPEN_TASKS = 'TOO_MANY_OPEN_TASKS',
  ANALYZER_UNAVAILABLE = 'ANALYZER_UNAVAILABLE',
  RECORD_TOO_LARGE = 'RECORD_TOO_LARGE',
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
  RECORD_FORBIDDEN = 'RECORD_FORBIDDEN',
  FORBIDDEN = 'FORBIDDEN',
  /** A paid (model) analysis while the remaining credit is below its estimate. */
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  /** A paid analysis while the subscription is locked (grace period over after a failed payment). */
  SUBSCRIPTION_LOCKED = 'SUBSCRIPTION_LOCKED',
}

/** Thrown by the analysis use cases on input or state they cannot accept. */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';

  constructor(
    readonly code: AnalysisErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
