import type { ChangeMessage } from '@holovitals/live-changes';
import { describe, expect, it } from 'vitest';
import { PendingChanges } from './pending-changes';

const change = (id: string, kind: ChangeMessage['kind'], changed: string[], at: string): ChangeMessage => ({
  typename: 'Patient',
  key: { id },
  kind,
  changed,
  at,
});

describe('pending changes', () => {
  it('merges changes to one entity into one waiting change, keeping the oldest time', () => {
    const pending = new PendingChanges(1);
    expect(pending.add(change('p1', 'CREATED', ['observation'], '2026-12-01T10:00:00.000Z'))).toBe(true);
    for (let index = 0; index < 1_000; index += 1)
      expect(
        pending.add(change('p1', 'UPDATED', ['condition', 'observation'], '2026-12-01T10:00:01.000Z')),
      ).toBe(true);
    expect(pending.size).toBe(1);
    expect(pending.take()).toEqual(
      change('p1', 'CREATED', ['observation', 'condition'], '2026-12-01T10:00:00.000Z'),
    );
    expect(pending.take()).toBeUndefined();
  });

  it('refuses a new entity past the bound and hands out the oldest first', () => {
    const pending = new PendingChanges(2);
    pending.add(change('a', 'UPDATED', [], '2026-12-01T10:00:00.000Z'));
    pending.add(change('b', 'DELETED', [], '2026-12-01T10:00:00.000Z'));
    expect(pending.add(change('c', 'UPDATED', [], '2026-12-01T10:00:00.000Z'))).toBe(false);
    expect(pending.take()?.key.id).toBe('a');
    expect(pending.take()?.kind).toBe('DELETED');
  });
});
