import { describe, expect, it } from 'vitest';
import { childTraceparent, traceIdFrom } from './trace-context';

describe('trace context', () => {
  it('keeps the trace id of a valid traceparent and starts a new one otherwise', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceIdFrom(`00-${traceId}-00f067aa0ba902b7-01`)).toBe(traceId);
    expect(traceIdFrom('garbage')).toMatch(/^[\da-f]{32}$/);
    expect(traceIdFrom(undefined)).not.toBe(traceIdFrom(undefined));
  });

  it('never repeats an id, also across refills of its random pool', () => {
    const ids = Array.from({ length: 1_000 }, () => traceIdFrom(undefined));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[\da-f]{32}$/);
    const spans = Array.from({ length: 1_000 }, () => childTraceparent(ids[0]!).split('-')[2]);
    expect(new Set(spans).size).toBe(spans.length);
  });

  it('makes child traceparents within the same trace', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceIdFrom(childTraceparent(traceId))).toBe(traceId);
  });
});
