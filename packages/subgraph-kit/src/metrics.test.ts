import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationOutcome } from './metrics';

const withCode = (code: string): GraphQLError => new GraphQLError('x', { extensions: { code } });

describe('operationOutcome', () => {
  it('tells refusals and bad requests (the caller’s) from failures of the service', () => {
    expect(operationOutcome(undefined)).toBe('ok');
    expect(operationOutcome([])).toBe('ok');
    expect(operationOutcome([withCode('FORBIDDEN'), withCode('NOT_FOUND')])).toBe('refused');
    expect(operationOutcome([withCode('GRAPHQL_VALIDATION_FAILED')])).toBe('refused');
    expect(operationOutcome([withCode('FORBIDDEN'), withCode('INTERNAL_SERVER_ERROR')])).toBe('error');
    expect(operationOutcome([new GraphQLError('no code')])).toBe('error');
  });
});
