import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/**
 * Codes whose message is written for the client: the edge's own refusals, the request-shape errors
 * Apollo Server raises, and the domain codes subgraphs send (they mask their own internals already).
 */
const CLIENT_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * What clients see of an error at the gateway: client-facing codes keep their message (never a stack);
 * anything else (Redis down while building the context, a JWKS fetch failing, a subgraph unreachable)
 * is logged with its detail and answered as INTERNAL_SERVER_ERROR, so host names, ports and library
 * messages stay inside.
 */
/**
 * The gateway's own failure behind an error, or null when the error is for the client or came from a subgraph's
 * response (`serviceName`: the subgraph reported it itself). What remains is a subgraph the gateway could not reach
 * or that answered with something other than GraphQL, and failures in the gateway's own code and plugins.
 */
export function gatewayFailureOf(error: unknown): Error | null {
  const original = unwrapResolverError(error);
  // Read as data, not by class: the auth package's GraphQLError may come from another copy of graphql.
  const extensions = (original as { extensions?: Record<string, unknown> } | null)?.extensions ?? {};
  if (typeof extensions.code === 'string' && CLIENT_CODES.has(extensions.code)) return null;
  if (extensions.serviceName !== undefined) return null;
  if (original instanceof GraphQLError && original.originalError) return original.originalError;
  return original instanceof Error ? original : new Error(String(original));
}

export function createGatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    logger.error(
      { err: original instanceof GraphQLError ? (original.originalError ?? original) : original },
      'unexpected error',
    );
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
