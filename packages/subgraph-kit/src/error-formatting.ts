import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { Logger } from 'pino';
import { DomainError, type DomainErrorMapping, ErrorCode } from './domain-error';

const PASSTHROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Read as data, not by class: another copy of graphql (ESM next to CommonJS, a package's own) makes its own class. */
function isGraphQLError(error: unknown): error is Pick<GraphQLError, 'extensions' | 'originalError'> & Error {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError');
}

/**
 * The error behind a failed field when nothing expected it: not a domain error (own or mapped), not an
 * authentication, authorization or validation failure, not a GraphQL error with a client-facing code. Null when
 * the error was expected. These are the errors masked as INTERNAL_SERVER_ERROR and reported to monitoring.
 */
export function unexpectedErrorOf(error: unknown, mapError?: DomainErrorMapping): Error | null {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError || mapError?.(original)) return null;
  if (
    original instanceof AuthenticationError ||
    original instanceof AuthorizationError ||
    original instanceof ArgumentValidationError
  )
    return null;
  if (isGraphQLError(original)) {
    const code = original.extensions?.code;
    if (typeof code === 'string' && PASSTHROUGH_CODES.has(code)) return null;
    return original.originalError ?? original;
  }
  return original instanceof Error ? original : new Error(String(original));
}

/**
 * The one mapping from thrown errors to what clients see: domain errors keep their code and details,
 * validation failures become BAD_USER_INPUT with the offending fields, anything unexpected is logged
 * and hidden behind INTERNAL_SERVER_ERROR (no stack traces leave the process). A subgraph's own typed
 * errors go through its registered `mapError` first, so resolvers and references need no wrapper.
 */
export function createErrorFormatter(logger: Logger, mapError?: DomainErrorMapping) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const domainError = original instanceof DomainError ? original : (mapError?.(original) ?? null);
    if (domainError) {
      return {
        message: domainError.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: domainError.code, ...domainError.details },
      };
    }
    if (original instanceof AuthenticationError || original instanceof AuthorizationError) {
      const code = original instanceof AuthenticationError ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
      const message =
        code === ErrorCode.UNAUTHENTICATED ? 'Sign in to do this.' : 'You are not allowed to do this.';
      return { message, path: formatted.path, locations: formatted.locations, extensions: { code } };
    }
    if (original instanceof ArgumentValidationError) {
      return {
        message: 'Argument validation failed',
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: ErrorCode.BAD_USER_INPUT,
          validationErrors: original.extensions.validationErrors,
        },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASSTHROUGH_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error(
      { err: original instanceof GraphQLError ? (original.originalError ?? original) : original },
      'unexpected error',
    );
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
