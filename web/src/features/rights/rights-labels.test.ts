import { describe, expect, it } from 'vitest';
import { dueText } from './rights-labels';

describe('dueText', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('counts whole days to the due date, or past it', () => {
    expect(dueText('2026-12-31T12:00:00Z', now)).toBe('due in 30 days');
    expect(dueText('2026-12-02T11:00:00Z', now)).toBe('due tomorrow');
    expect(dueText('2026-12-01T11:00:00Z', now)).toBe('due today');
    expect(dueText('2026-11-30T11:00:00Z', now)).toBe('1 day overdue');
    expect(dueText('2026-11-27T11:00:00Z', now)).toBe('4 days overdue');
  });
});
