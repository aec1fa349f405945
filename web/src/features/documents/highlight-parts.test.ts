import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight-parts';

describe('highlightParts', () => {
  it('marks the words between [[ and ]]', () => {
    expect(highlightParts('Serum [[Sodium]] 140 and [[sodium]]')).toEqual([
      { text: 'Serum ', match: false },
      { text: 'Sodium', match: true },
      { text: ' 140 and ', match: false },
      { text: 'sodium', match: true },
    ]);
  });

  it('keeps an unclosed marker and markup as plain text', () => {
    expect(highlightParts('<b>x</b> [[open')).toEqual([{ text: '<b>x</b> [[open', match: false }]);
  });
});
