import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ModelError, ModelErrorCode, toModelError } from './model-error';

const apiError = (status: number): Error =>
  OpenAI.APIError.generate(status, { error: { message: 'x' } }, 'x', new Headers());

describe('toModelError', () => {
  it('maps the SDK errors to one code each', () => {
    expect(toModelError(apiError(429)).code).toBe(ModelErrorCode.RATE_LIMITED);
    expect(toModelError(apiError(401)).code).toBe(ModelErrorCode.UNAUTHORIZED);
    expect(toModelError(apiError(500)).code).toBe(ModelErrorCode.UNAVAILABLE);
    expect(toModelError(apiError(504)).code).toBe(ModelErrorCode.TIMEOUT);
    expect(toModelError(apiError(400)).code).toBe(ModelErrorCode.BAD_REQUEST);
    expect(toModelError(new OpenAI.APIConnectionTimeoutError()).code).toBe(ModelErrorCode.TIMEOUT);
    expect(toModelError(new OpenAI.APIUserAbortError()).code).toBe(ModelErrorCode.CANCELLED);
    expect(toModelError(new OpenAI.APIConnectionError({ message: 'refused' })).code).toBe(
      ModelErrorCode.UNAVAILABLE,
    );
  });

  it('passes a ModelError through unchanged', () => {
    const error = new ModelError(ModelErrorCode.MALFORMED_OUTPUT, 'bad');
    expect(toModelError(error)).toBe(error);
  });
});
