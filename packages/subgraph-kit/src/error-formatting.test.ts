import type * as graphql from 'graphql';
import { createRequire } from 'node:module';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode, httpStatusFor } from './domain-error';
import { createErrorFormatter } from './error-formatting';

// Apollo Server loads graphql's CommonJS build; errors must come from the same copy for instanceof checks.
const { GraphQLError } = createRequire(__filename)('graphql') as typeof graphql;
const format = createErrorFormatter(pino({ level: 'silent' }));
const wrap = (original: Error): InstanceType<typeof GraphQLError> =>
  new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('error formatting', () => {
  it('keeps a domain error’s code and details', () => {
    const error = wrap(new DomainError(ErrorCode.NOT_FOUND, 'No such patient.', { id: 'p1' }));
    expect(format({ message: error.message }, error)).toMatchObject({
      message: 'No such patient.',
      extensions: { code: 'NOT_FOUND', id: 'p1' },
    });
  });

  it('hides unexpected errors behind INTERNAL_SERVER_ERROR without a stack', () => {
    const error = wrap(new TypeError('secret detail'));
    const formatted = format({ message: error.message, extensions: { stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: undefined,
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes GraphQL validation errors through without their stack', () => {
    const formatted = format(
      { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['x'] } },
      new GraphQLError('Cannot query field'),
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('turns a subgraph’s own typed error into a domain error through its registered mapping', () => {
    class ShelfError extends Error {
      constructor(readonly reason: 'EMPTY' | 'LOCKED') {
        super(`shelf ${reason}`);
      }
    }
    const mapError = (thrown: unknown): DomainError | null =>
      thrown instanceof ShelfError
        ? new DomainError(
            thrown.reason === 'EMPTY' ? ErrorCode.NOT_FOUND : ErrorCode.FORBIDDEN,
            thrown.message,
            {
              reason: thrown.reason,
            },
          )
        : null;
    const mapped = createErrorFormatter(pino({ level: 'silent' }), mapError);
    const owned = wrap(new ShelfError('LOCKED'));
    expect(mapped({ message: owned.message }, owned)).toEqual({
      message: 'shelf LOCKED',
      path: undefined,
      locations: undefined,
      extensions: { code: 'FORBIDDEN', reason: 'LOCKED' },
    });
    const foreign = wrap(new RangeError('not the shelf’s'));
    expect(mapped({ message: foreign.message }, foreign).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
    const domain = wrap(new DomainError(ErrorCode.CONFLICT, 'stale'));
    expect(mapped({ message: domain.message }, domain).extensions).toEqual({ code: 'CONFLICT' });
  });

  it('maps every error code to a 4xx status', () => {
    for (const code of Object.values(ErrorCode)) expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
  });
});
