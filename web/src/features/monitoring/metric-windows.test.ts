import { describe, expect, it } from 'vitest';
import { increasesPerWindow, lastHour, latestPerWindow, type Windows } from './metric-windows';

const windows: Windows = {
  starts: [Date.parse('2026-12-01T10:00:00Z'), Date.parse('2026-12-01T10:05:00Z')],
  stepMs: 5 * 60_000,
};
const series = (points: Array<[string, number]>) => ({
  service: 'patient',
  labels: [],
  samples: points.map(([minute, value]) => ({ minute: `2026-12-01T${minute}:00Z`, value })),
});

describe('lastHour', () => {
  it('covers the hour ending after the current minute in twelve 5-minute windows, asking for one minute more', () => {
    const range = lastHour(Date.parse('2026-12-01T10:30:20Z'));
    expect(range.windows.starts).toHaveLength(12);
    expect(new Date(range.windows.starts[0]!).toISOString()).toBe('2026-12-01T09:31:00.000Z');
    expect(new Date(range.windows.starts[11]!).toISOString()).toBe('2026-12-01T10:26:00.000Z');
    expect(range.from).toBe('2026-12-01T09:30:00.000Z');
    expect(range.to).toBe('2026-12-01T10:31:00.000Z');
  });
});

describe('increasesPerWindow', () => {
  it('adds minute-to-minute growth into the window of the later minute, counting a restart from zero', () => {
    expect(
      increasesPerWindow(
        series([
          ['09:59', 10],
          ['10:00', 12],
          ['10:04', 20],
          ['10:05', 3],
          ['10:09', 7],
          ['10:10', 100],
        ]),
        windows,
      ),
    ).toEqual([10, 7]);
  });

  it('counts a series first seen inside the windows whole, and nothing for one seen only before them', () => {
    expect(increasesPerWindow(series([['10:06', 50]]), windows)).toEqual([0, 50]);
    expect(increasesPerWindow(series([['09:59', 50]]), windows)).toEqual([0, 0]);
  });
});

describe('latestPerWindow', () => {
  it('keeps the last value of each window and null where nothing was scraped', () => {
    expect(
      latestPerWindow(
        series([
          ['10:01', 4],
          ['10:03', 6],
        ]),
        windows,
      ),
    ).toEqual([6, null]);
  });
});
