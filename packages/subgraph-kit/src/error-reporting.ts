import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorReport } from '@holovitals/events';
import type { DomainErrorMapping } from './domain-error';
import { unexpectedErrorOf } from './error-formatting';
import type { RequestContext } from './request-context';

/**
 * Reports each unexpected resolver error (the ones clients only see as INTERNAL_SERVER_ERROR) with the request's
 * trace id, so an operator can find the failing request from monitoring's error list.
 */
export function errorReportingPlugin<Services>(
  report: ErrorReport,
  options: { mapError?: DomainErrorMapping; operationLabel: (name: string | null | undefined) => string },
): ApolloServerPlugin<RequestContext<Services>> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const unexpected = unexpectedErrorOf(error, options.mapError);
            if (!unexpected) continue;
            report({
              origin: 'RESOLVER',
              error: unexpected,
              traceId: contextValue.traceId ?? null,
              operation: options.operationLabel(operationName),
              path: error.path?.join('.') ?? null,
            });
          }
        },
      };
    },
  };
}
