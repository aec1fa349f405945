import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startMonitoringHarness, type MonitoringHarness } from './support/monitoring-harness';

let h: MonitoringHarness;

beforeAll(async () => {
  h = await startMonitoringHarness();
});

afterAll(async () => {
  await h.stop();
});

const metrics = async (): Promise<string> => (await fetch(h.sg.metricsUrl)).text();
const sample = (text: string, pattern: RegExp): number | null => {
  const match = text.match(pattern);
  return match ? Number(match[1]) : null;
};

/** What every subgraph exports for the EVENT_LAG, DATABASE_ERRORS and METRIC_THRESHOLD rules, read off a real one. */
describe('a subgraph’s own /metrics', () => {
  it('exports its event backlog and lag per handled type, back to 0 once handled', async () => {
    await publishTestEvent(h.sg, {
      id: randomUUID(),
      type: 'error.reported',
      source: 'patient',
      occurredAt: new Date().toISOString(),
      traceId: null,
      payload: {
        origin: 'RESOLVER',
        errorName: 'Error',
        message: 'boom',
        stack: null,
        operation: null,
        path: null,
      },
    });
    const text = await eventually(metrics, (body) =>
      /events_consumer_backlog\{[^}]*type="error\.reported"[^}]*\} 0\n/.test(body),
    );
    expect(sample(text, /events_consumer_lag_seconds\{[^}]*type="error\.reported"[^}]*\} (\S+)/)).toBe(0);
    expect(text).toMatch(/events_consumer_lag_seconds\{[^}]*type="security\.alert\.raised"[^}]*\} 0/);
  });

  it('counts failed SQL statements in database_errors_total', async () => {
    const before = sample(await metrics(), /database_errors_total\{[^}]*\} (\S+)/) ?? 0;
    await expect(h.sg.dataSource.query('SELECT * FROM no_such_table')).rejects.toThrow();
    expect(sample(await metrics(), /database_errors_total\{[^}]*\} (\S+)/)).toBe(before + 1);
  });
});
