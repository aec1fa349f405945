import { describe, expect, it } from 'vitest';
import { compareStreamIds, nextStreamId, streamIdAt } from './stream-id';

describe('stream ids', () => {
  it('compares numerically, not as strings', () => {
    expect(compareStreamIds('9-0', '10-0')).toBe(-1);
    expect(compareStreamIds('10-2', '10-11')).toBe(-1);
    expect(compareStreamIds('10-2', '10-2')).toBe(0);
    expect(compareStreamIds('11-0', '10-99')).toBe(1);
  });

  it('steps to the next id and turns a time into an id', () => {
    expect(nextStreamId('1700000000000-4')).toBe('1700000000000-5');
    expect(streamIdAt(1700000000000.7)).toBe('1700000000000-0');
  });
});
