import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { ErrorReport } from '@holovitals/events';
import { activeTraceId } from '@holovitals/telemetry';
import { gatewayFailureOf } from './error-masking';
import type { GatewayContext } from './gateway-context';

// Apollo calls contextCreationDidFail with the error alone: the trace id of the request whose context failed
// travels beside its error, weakly held so a failure nobody reports is collected with its error.
const failedContextTraces = new WeakMap<object, string>();

/** Context creation calls this with what it threw, so the report of that failure carries the request's trace. */
export function rememberContextTrace(error: unknown, traceId: string): void {
  if (typeof error === 'object' && error !== null) failedContextTraces.set(error, traceId);
}

/**
 * Reports the gateway's own failures (see `gatewayFailureOf`) to monitoring as origin GATEWAY, with the request's
 * trace id; a failed context (Redis or the JWKS unreachable) is reported too, except the refusals it makes on purpose.
 */
export function gatewayErrorReportingPlugin(
  report: ErrorReport,
  operationLabel: (name: string | null | undefined) => string,
): ApolloServerPlugin<GatewayContext> {
  // One listener for every request: it holds nothing of a request's own, so none is made per request.
  const requestListener: GraphQLRequestListener<GatewayContext> = {
    async didEncounterErrors({ errors, contextValue, operationName }) {
      for (const error of errors) {
        const failure = gatewayFailureOf(error);
        if (!failure) continue;
        report({
          origin: 'GATEWAY',
          error: failure,
          traceId: contextValue.traceId,
          operation: operationLabel(operationName),
          path: error.path?.join('.') ?? null,
        });
      }
    },
  };
  return {
    async contextCreationDidFail({ error }) {
      const failure = gatewayFailureOf(error);
      if (failure)
        report({
          origin: 'GATEWAY',
          error: failure,
          traceId: failedContextTraces.get(error) ?? activeTraceId(),
          operation: null,
          path: null,
        });
    },
    async requestDidStart() {
      return requestListener;
    },
  };
}
