/** An error answered the way Stripe's API answers: an HTTP status and `{ error: { type, code, message, param } }`. */
export class StripeApiError extends Error {
  override readonly name = 'StripeApiError';

  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error',
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  static missing(param: string): StripeApiError {
    return new StripeApiError(
      400,
      'invalid_request_error',
      `Missing required param: ${param}.`,
      'parameter_missing',
      param,
    );
  }

  static invalid(param: string, message: string): StripeApiError {
    return new StripeApiError(400, 'invalid_request_error', message, 'parameter_invalid', param);
  }

  static noSuch(kind: string, id: string, param = 'id'): StripeApiError {
    return new StripeApiError(
      404,
      'invalid_request_error',
      `No such ${kind}: '${id}'`,
      'resource_missing',
      param,
    );
  }

  body(): { error: Record<string, string> } {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}
