import { describe, expect, it } from 'vitest';
import { partyName } from './consent-labels';

describe('partyName', () => {
  it('names a person by display name and address, or address alone, or says they are unknown', () => {
    expect(partyName({ displayName: 'Dr. Ada', email: 'ada@example.test' })).toBe(
      'Dr. Ada (ada@example.test)',
    );
    expect(partyName({ displayName: null, email: 'ada@example.test' })).toBe('ada@example.test');
    expect(partyName(null)).toBe('Someone not in the directory');
  });
});
