import type { ApolloServerPlugin } from '@apollo/server';
import { createOperationLabeler, type OperationLabelOptions } from '@holovitals/http-server';
import type { GraphQLError } from 'graphql';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DomainErrorMapping } from './domain-error';
import { unexpectedErrorOf } from './error-formatting';

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
      help: 'GraphQL operations handled, by operation name and outcome (ok, refused: the caller’s error, error: ours).',
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

/**
 * `ok`, `refused` (every error is the caller's: a denial, bad input, not found…) or `error` (something failed here),
 * so an error-rate alert counts the service's failures, not the refusals its authorization is meant to give. The
 * errors are those a resolver threw, before formatting gives them a code: a refusal is told by the same rule that
 * keeps it out of error reports (`unexpectedErrorOf`, the subgraph's `mapError` included).
 */
export function operationOutcome(
  errors: ReadonlyArray<GraphQLError> | undefined,
  mapError?: DomainErrorMapping,
): 'ok' | 'refused' | 'error' {
  if (!errors?.length) return 'ok';
  return errors.every((error) => unexpectedErrorOf(error, mapError) === null) ? 'refused' : 'error';
}

/** Operation names reach subgraphs from clients through the gateway's fetches, so labels are bounded. */
export function metricsPlugin<T extends object>(
  metrics: ServiceMetrics,
  labels: OperationLabelOptions,
  mapError?: DomainErrorMapping,
): ApolloServerPlugin<T> {
  const operationLabel = createOperationLabeler(labels);
  return {
    async requestDidStart() {
      const stop = metrics.duration.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          const operation = operationLabel(operationName);
          stop({ operation });
          metrics.operations.inc({ operation, outcome: operationOutcome(errors, mapError) });
        },
      };
    },
  };
}
