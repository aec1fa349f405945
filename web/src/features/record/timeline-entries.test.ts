import { describe, expect, it } from 'vitest';
import { byYear, timelineEntries } from './timeline-entries';

describe('timelineEntries', () => {
  it('merges all kinds newest first and names encounters from their type', () => {
    const entries = timelineEntries({
      encounters: [
        {
          id: 'e1',
          resource: { period: { start: '2021-03-01T09:00:00Z' }, type: [{ text: 'General examination' }] },
        },
        { id: 'e2', resource: { period: { start: '2019-01-01T09:00:00Z' }, class: { code: 'AMB' } } },
      ],
      procedures: [{ id: 'p1', display: 'Colonoscopy', performedStart: '2022-06-01T00:00:00Z' }],
      immunizations: [{ id: 'i1', display: 'Influenza', occurrenceAt: '2021-10-01T00:00:00Z' }],
      conditions: [{ id: 'c1', display: 'Hypertension', onsetAt: '2020-05-05T00:00:00Z' }],
    });
    expect(entries.map((entry) => [entry.kind, entry.title])).toEqual([
      ['Procedure', 'Colonoscopy'],
      ['Immunization', 'Influenza'],
      ['Encounter', 'General examination'],
      ['Condition', 'Hypertension'],
      ['Encounter', 'AMB'],
    ]);
  });

  it('leaves out undated items and malformed encounter JSON', () => {
    const entries = timelineEntries({
      encounters: [
        { id: 'e1', resource: 'not an object' },
        { id: 'e2', resource: { period: {} } },
      ],
      procedures: [{ id: 'p1', display: 'X', performedStart: null }],
      immunizations: [{ id: 'i1', occurrenceAt: 'not a date' }],
      conditions: [],
    });
    expect(entries).toEqual([]);
  });

  it('groups by year in order', () => {
    const groups = byYear([
      { id: 'a', kind: 'Procedure', title: 'A', at: '2022-06-01T00:00:00Z' },
      { id: 'b', kind: 'Procedure', title: 'B', at: '2022-01-01T00:00:00Z' },
      { id: 'c', kind: 'Procedure', title: 'C', at: '2020-01-01T00:00:00Z' },
    ]);
    expect(groups.map((group) => [group.year, group.entries.map((entry) => entry.id)])).toEqual([
      [2022, ['a', 'b']],
      [2020, ['c']],
    ]);
  });
});
