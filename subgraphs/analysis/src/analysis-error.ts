/** Why an analysis operation refused; mapped to the kit's DomainError at the GraphQL boundary. */
export enum AnalysisErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  CONTEXT_NOT_FOUND = 'CONTEXT_NOT_FOUND',
  TASK_FINISHED = 'TASK_FINISHED',
  TOO_MANY_OPEN_TASKS = 'TOO_MANY_OPEN_TASKS',
  ANALYZER_UNAVAILABLE = 'ANALYZER_UNAVAILABLE',
  RECORD_TOO_LARGE = 'RECORD_TOO_LARGE',
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
  RECORD_FORBIDDEN = 'RECORD_FORBIDDEN',
  /** Patient refused the record until the caller steps up (details carry the purpose), as patient itself says. */
  STEP_UP_REQUIRED = 'STEP_UP_REQUIRED',
  FORBIDDEN = 'FORBIDDEN',
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
