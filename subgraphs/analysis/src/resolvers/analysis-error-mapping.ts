import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';

function clientCode(code: AnalysisErrorCode): ErrorCode {
  switch (code) {
    case AnalysisErrorCode.BAD_USER_INPUT:
    case AnalysisErrorCode.TASK_FINISHED:
    case AnalysisErrorCode.ANALYZER_UNAVAILABLE:
    case AnalysisErrorCode.CHAT_NEEDS_MODEL:
    case AnalysisErrorCode.PROMPT_ALREADY_COMPACT:
    case AnalysisErrorCode.ESTIMATE_ABOVE_APPROVED:
      return ErrorCode.BAD_USER_INPUT;
    case AnalysisErrorCode.MODEL_FAILED:
      return ErrorCode.RATE_LIMITED;
    case AnalysisErrorCode.RECORD_TOO_LARGE:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case AnalysisErrorCode.TOO_MANY_OPEN_TASKS:
      return ErrorCode.RATE_LIMITED;
    case AnalysisErrorCode.TASK_NOT_FOUND:
    case AnalysisErrorCode.CONTEXT_NOT_FOUND:
    case AnalysisErrorCode.PATIENT_NOT_FOUND:
    case AnalysisErrorCode.SESSION_NOT_FOUND:
    case AnalysisErrorCode.INTERACTION_NOT_FOUND:
    case AnalysisErrorCode.PROMPT_TEMPLATE_NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case AnalysisErrorCode.RECORD_FORBIDDEN:
    case AnalysisErrorCode.STEP_UP_REQUIRED:
    case AnalysisErrorCode.FORBIDDEN:
    case AnalysisErrorCode.INSUFFICIENT_CREDITS:
    case AnalysisErrorCode.SUBSCRIPTION_LOCKED:
      return ErrorCode.FORBIDDEN;
  }
}

/** Analysis' one error mapping, registered with defineSubgraph: AnalysisError → DomainError, reason kept. */
export function mapAnalysisError(error: unknown): DomainError | null {
  if (!(error instanceof AnalysisError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code, ...error.details });
}
