import type { ApolloServerPlugin } from '@apollo/server';
import { createOperationLabeler, type OperationLabelOptions } from '@holovitals/http-server';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { GatewayContext } from './gateway-context';

/** Request rate, errors and latency per operation; operation names are client input, so labels are bounded. */
export function gatewayMetricsPlugin(
  registry: Registry,
  labels: OperationLabelOptions,
): ApolloServerPlugin<GatewayContext> {
  const operationLabel = createOperationLabeler(labels);
  const requests = new Counter({
    name: 'gateway_requests_total',
    help: 'GraphQL requests through the gateway, by operation and outcome.',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'End-to-end latency of GraphQL requests at the gateway.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stop = latency.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          const operation = operationLabel(operationName);
          stop({ operation });
          requests.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
