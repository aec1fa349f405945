import { describe, expect, it } from 'vitest';
import { labelsKey, parsePrometheusText } from './prometheus-text';

const TEXT = `# HELP graphql_operations_total GraphQL operations handled.
# TYPE graphql_operations_total counter
graphql_operations_total{operation="Dashboard",outcome="ok",service="patient"} 12
graphql_operation_duration_seconds_bucket{le="+Inf",operation="Dashboard",service="patient"} 12
graphql_operation_duration_seconds_bucket{le="0.05",operation="say \\"hi\\"",service="patient"} 3 1700000000000
nodejs_heap_size_total_bytes{service="patient"} 1e6
`;

describe('parsePrometheusText', () => {
  it('reads names, labels (with escapes), values and +Inf, and keeps only the chosen metrics', () => {
    const samples = parsePrometheusText(TEXT, (name) => name.startsWith('graphql_'));
    expect(samples).toEqual([
      {
        name: 'graphql_operations_total',
        labels: { operation: 'Dashboard', outcome: 'ok', service: 'patient' },
        value: 12,
      },
      {
        name: 'graphql_operation_duration_seconds_bucket',
        labels: { le: '+Inf', operation: 'Dashboard', service: 'patient' },
        value: 12,
      },
      {
        name: 'graphql_operation_duration_seconds_bucket',
        labels: { le: '0.05', operation: 'say "hi"', service: 'patient' },
        value: 3,
      },
    ]);
  });

  it('gives the same series the same key whatever the label order', () => {
    expect(labelsKey({ b: '2', a: '1' })).toBe(labelsKey({ a: '1', b: '2' }));
  });
});
