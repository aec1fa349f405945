import { describe, expect, it } from 'vitest';
import { parseChangeMessage, subscriptionChannel } from './change-message';

describe('change messages', () => {
  it('names one channel per field and arguments, whatever their order', () => {
    expect(subscriptionChannel('f', { b: '2', a: '1' })).toBe(subscriptionChannel('f', { a: '1', b: '2' }));
    expect(subscriptionChannel('f', { a: '1' })).not.toBe(subscriptionChannel('f', { a: '2' }));
  });

  it('accepts a well-formed message and ignores malformed ones', () => {
    const good = {
      typename: 'Patient',
      key: { id: 'p1' },
      kind: 'UPDATED',
      changed: ['observation'],
      at: new Date().toISOString(),
    };
    expect(parseChangeMessage(good)).toEqual(good);
    expect(parseChangeMessage('not json')).toBeNull();
    expect(parseChangeMessage({ ...good, kind: 'EXPLODED' })).toBeNull();
    expect(parseChangeMessage({ ...good, typename: 'patient { secrets }' })).toBeNull();
    expect(parseChangeMessage({ ...good, key: {} })).toBeNull();
  });
});
