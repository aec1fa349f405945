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
  /** The chat answers through a language model only: without MODEL_BASE_URL there is no answer, never a made-up one. */
  CHAT_NEEDS_MODEL = 'CHAT_NEEDS_MODEL',
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  INTERACTION_NOT_FOUND = 'INTERACTION_NOT_FOUND',
  PROMPT_TEMPLATE_NOT_FOUND = 'PROMPT_TEMPLATE_NOT_FOUND',
  /** optimizePrompt found nothing to shorten without losing a placeholder or a fact instruction. */
  PROMPT_ALREADY_COMPACT = 'PROMPT_ALREADY_COMPACT',
  /** The model gave no usable answer (timeout, rate limit, malformed or uncited output): try again later. */
  MODEL_FAILED = 'MODEL_FAILED',
  /** A paid (model) analysis while the remaining credit is below its estimate. */
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  /** A paid analysis while the subscription is locked (grace period over after a failed payment). */
  SUBSCRIPTION_LOCKED = 'SUBSCRIPTION_LOCKED',
  /** The estimate is above the credits the caller approved (the record grew, or prices changed, since it was shown). */
  ESTIMATE_ABOVE_APPROVED = 'ESTIMATE_ABOVE_APPROVED',
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
