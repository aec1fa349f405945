import { describe, expect, it } from 'vitest';
import { dailySlotOffsetMs, isSyncDue, latestDailySlot } from './sync-schedule';

const DAY_MS = 24 * 60 * 60_000;

describe('daily sync slots', () => {
  it('gives a connection the same time of day every day, and spreads connections over the day', () => {
    const offsets = Array.from({ length: 200 }, (_, i) =>
      dailySlotOffsetMs(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    expect(offsets.every((offset) => offset >= 0 && offset < DAY_MS)).toBe(true);
    const hours = new Set(offsets.map((offset) => Math.floor(offset / 3_600_000)));
    expect(hours.size).toBeGreaterThan(20);
    expect(dailySlotOffsetMs('a')).toBe(dailySlotOffsetMs('a'));
  });

  it('finds the latest slot at or before now, never after it', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const slot = latestDailySlot('connection-1', now);
    expect(slot.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - slot.getTime()).toBeLessThan(DAY_MS);
    expect((slot.getTime() % DAY_MS) - dailySlotOffsetMs('connection-1')).toBe(0);
  });

  it('is due once a slot passes after the last start, and not again until the next slot', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const slot = latestDailySlot('connection-1', now);
    expect(isSyncDue('connection-1', new Date(slot.getTime() - 1), now)).toBe(true);
    expect(isSyncDue('connection-1', new Date(slot.getTime() + 1), now)).toBe(false);
    const nextDay = new Date(now.getTime() + DAY_MS);
    expect(isSyncDue('connection-1', new Date(slot.getTime() + 1), nextDay)).toBe(true);
  });
});
