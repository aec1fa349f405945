import { describe, expect, it } from 'vitest';
import { queueDepths, queueWaitingTrends } from './queue-depths';

const series = (service: string, queue: string, state: string, values: number[]) => ({
  service,
  labels: [
    { name: 'queue', value: queue },
    { name: 'state', value: state },
  ],
  samples: values.map((value, index) => ({ minute: `2026-12-01T10:0${index}:00Z`, value })),
});

describe('queueDepths', () => {
  it('takes the latest value of each state per queue, busiest queue first', () => {
    expect(
      queueDepths([
        series('ehr-worker', 'ehr.sync', 'waiting', [3, 9]),
        series('ehr-worker', 'ehr.sync', 'dead_letter', [1]),
        series('documents-worker', 'documents.process', 'waiting', [40]),
        series('documents-worker', 'documents.process', 'completed', [100]),
      ]),
    ).toEqual([
      { service: 'documents-worker', queue: 'documents.process', waiting: 40, failed: 0, deadLetter: 0 },
      { service: 'ehr-worker', queue: 'ehr.sync', waiting: 9, failed: 0, deadLetter: 1 },
    ]);
  });
});

describe('queueWaitingTrends', () => {
  it('keeps the waiting gauge of each queue per window, by queue name', () => {
    const windows = {
      starts: [Date.parse('2026-12-01T10:00:00Z'), Date.parse('2026-12-01T10:05:00Z')],
      stepMs: 5 * 60_000,
    };
    expect(
      queueWaitingTrends(
        [
          series('ehr-worker', 'ehr.sync', 'waiting', [3, 9]),
          series('ehr-worker', 'ehr.sync', 'failed', [1, 1]),
          series('documents-worker', 'documents.process', 'waiting', [40]),
        ],
        windows,
      ),
    ).toEqual([
      { service: 'documents-worker', queue: 'documents.process', waiting: [40, null] },
      { service: 'ehr-worker', queue: 'ehr.sync', waiting: [9, null] },
    ]);
  });
});
