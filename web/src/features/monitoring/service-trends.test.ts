import { describe, expect, it } from 'vitest';
import type { Windows } from './metric-windows';
import { errorRateTrends, p95LatencyTrends } from './service-trends';

const windows: Windows = {
  starts: [Date.parse('2026-12-01T10:00:00Z'), Date.parse('2026-12-01T10:05:00Z')],
  stepMs: 5 * 60_000,
};
const series = (service: string, labels: Record<string, string>, values: number[]) => ({
  service,
  labels: Object.entries(labels).map(([name, value]) => ({ name, value })),
  // One sample the minute before the first window, then one per window.
  samples: values.map((value, index) => ({
    minute: new Date(Date.parse('2026-12-01T09:59:00Z') + index * 5 * 60_000).toISOString(),
    value,
  })),
});

describe('p95LatencyTrends', () => {
  it('sums bucket increases over operations per window and takes the 95th percentile in ms', () => {
    const trends = p95LatencyTrends(
      [
        // Window 1: 100 operations, all at or below 10 ms; window 2: 100 more, 60 of them between 0.1 and 0.25 s.
        series('patient', { operation: 'A', le: '0.01' }, [0, 60, 100]),
        series('patient', { operation: 'A', le: '0.1' }, [0, 60, 100]),
        series('patient', { operation: 'A', le: '0.25' }, [0, 60, 120]),
        series('patient', { operation: 'A', le: '+Inf' }, [0, 60, 120]),
        series('patient', { operation: 'B', le: '0.01' }, [0, 40, 40]),
        series('patient', { operation: 'B', le: '0.1' }, [0, 40, 40]),
        series('patient', { operation: 'B', le: '0.25' }, [0, 40, 80]),
        series('patient', { operation: 'B', le: '+Inf' }, [0, 40, 80]),
        series('identity', { operation: 'A', le: '+Inf' }, [5, 5, 5]),
      ],
      windows,
    );
    expect(trends).toEqual([
      { service: 'identity', values: [null, null] },
      { service: 'patient', values: [9.5, 237.5] },
    ]);
  });
});

describe('errorRateTrends', () => {
  it('divides failed operations by all operations per process and window, null without operations', () => {
    expect(
      errorRateTrends(
        [
          series('patient', { operation: 'A', outcome: 'ok' }, [0, 90, 90]),
          series('patient', { operation: 'A', outcome: 'error' }, [0, 10, 10]),
          series('ehr', { operation: 'B', outcome: 'ok' }, [0, 0, 3]),
        ],
        windows,
      ),
    ).toEqual([
      { service: 'ehr', values: [null, 0] },
      { service: 'patient', values: [0.1, null] },
    ]);
  });
});
