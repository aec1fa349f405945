import OpenAI from 'openai';

export enum ModelErrorCode {
  /** The answer was not valid JSON for the schema, and the one repair request did not fix it. */
  MALFORMED_OUTPUT = 'MALFORMED_OUTPUT',
  /** No answer within MODEL_TIMEOUT_MS, on every attempt. */
  TIMEOUT = 'TIMEOUT',
  /** 429 after every retry. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** 5xx or no connection after every retry. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** The server refused the API key (401/403). */
  UNAUTHORIZED = 'UNAUTHORIZED',
  /** The server rejected the request itself (400/404/422): a bug or a model that cannot do this. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The caller aborted. */
  CANCELLED = 'CANCELLED',
}

export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One exhaustive translation of the SDK's errors into our codes. */
export function toModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof OpenAI.APIUserAbortError)
    return new ModelError(ModelErrorCode.CANCELLED, 'Model call cancelled', { cause: error });
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ModelError(ModelErrorCode.TIMEOUT, 'Model call timed out', { cause: error });
  if (error instanceof OpenAI.APIConnectionError)
    return new ModelError(ModelErrorCode.UNAVAILABLE, `Model server unreachable: ${error.message}`, {
      cause: error,
    });
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    if (status === 429)
      return new ModelError(ModelErrorCode.RATE_LIMITED, 'Model rate limit reached after retries', {
        cause: error,
      });
    if (status === 401 || status === 403)
      return new ModelError(ModelErrorCode.UNAUTHORIZED, 'Model server refused the API key', {
        cause: error,
      });
    if (status === 408 || status === 504)
      return new ModelError(ModelErrorCode.TIMEOUT, 'Model server timed out', { cause: error });
    if (status >= 500)
      return new ModelError(ModelErrorCode.UNAVAILABLE, `Model server error ${status} after retries`, {
        cause: error,
      });
    return new ModelError(
      ModelErrorCode.BAD_REQUEST,
      `Model server rejected the request (${status}): ${error.message}`,
      { cause: error },
    );
  }
  return new ModelError(ModelErrorCode.UNAVAILABLE, error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}
