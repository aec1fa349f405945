import type { ApolloServerPlugin } from '@apollo/server';
import { createOperationLabeler, type OperationLabelOptions } from '@holovitals/http-server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per process; subgraph code registers its own metrics (cache hit rate, queue depth) on it. */
export interface ServiceMetrics {
  registry: Registry;
  operations: Counter<'operation' | 'outcome'>;
  duration: Histogram<'operation'>;
  databaseErrors: Counter;
}

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    operations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations handled, by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation latency.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    databaseErrors: new Counter({
      name: 'database_errors_total',
      help: 'SQL statements that failed (constraint violations, lost connections, timeouts).',
      registers: [registry],
    }),
  };
}

/** Operation names reach subgraphs from clients through the gateway's fetches, so labels are bounded. */
export function metricsPlugin<T extends object>(
  metrics: ServiceMetrics,
  labels: OperationLabelOptions,
): ApolloServerPlugin<T> {
  const operationLabel = createOperationLabeler(labels);
  return {
    async requestDidStart() {
      const stop = metrics.duration.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          const operation = operationLabel(operationName);
          stop({ operation });
          metrics.operations.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
