import type * as graphql from 'graphql';
import { createRequire } from 'node:module';
import { AuthorizationError } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from './domain-error';
import { operationOutcome } from './metrics';

// Apollo Server loads graphql's CommonJS build; errors must come from the same copy for instanceof checks.
const { GraphQLError } = createRequire(__filename)('graphql') as typeof graphql;
type GraphQLError = InstanceType<typeof GraphQLError>;

const withCode = (code: string): GraphQLError => new GraphQLError('x', { extensions: { code } });
/** What graphql-js hands Apollo when a resolver throws: the thrown error, wrapped, with no code yet. */
const thrown = (error: Error): GraphQLError =>
  new GraphQLError(error.message, { originalError: error, path: ['patients'] });

class StepUpRequired extends Error {}
const mapError = (error: unknown): DomainError | null =>
  error instanceof StepUpRequired ? new DomainError(ErrorCode.FORBIDDEN, 'Confirm it is you.') : null;

describe('operationOutcome', () => {
  it('tells refusals and bad requests (the caller’s) from failures of the service', () => {
    expect(operationOutcome(undefined)).toBe('ok');
    expect(operationOutcome([])).toBe('ok');
    expect(operationOutcome([withCode('FORBIDDEN'), withCode('NOT_FOUND')])).toBe('refused');
    expect(operationOutcome([withCode('GRAPHQL_VALIDATION_FAILED')])).toBe('refused');
    expect(operationOutcome([withCode('FORBIDDEN'), withCode('INTERNAL_SERVER_ERROR')])).toBe('error');
    expect(operationOutcome([new GraphQLError('no code')])).toBe('error');
  });

  it('counts what resolvers throw as the caller’s when it is a domain, mapped or authorization refusal', () => {
    expect(operationOutcome([thrown(new DomainError(ErrorCode.NOT_FOUND, 'gone'))])).toBe('refused');
    expect(operationOutcome([thrown(new StepUpRequired('code needed'))], mapError)).toBe('refused');
    expect(operationOutcome([thrown(new AuthorizationError())])).toBe('refused');
    expect(operationOutcome([thrown(new StepUpRequired('code needed'))])).toBe('error');
    expect(operationOutcome([thrown(new TypeError('x is undefined'))], mapError)).toBe('error');
  });
});
