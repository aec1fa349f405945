import { describe, expect, it } from 'vitest';
import { findIdentifiers } from './deidentify';

const kinds = (text: string): [string, string][] =>
  findIdentifiers(text).map((span) => [span.kind, text.slice(span.start, span.end)]);

describe('cities after a preposition', () => {
  it('finds a city after "in", "from" and "at"', () => {
    expect(kinds('Moved from Boston last year, lives in Springfield, works at Fort Collins depot.')).toEqual([
      ['ADDRESS', 'Boston'],
      ['ADDRESS', 'Springfield'],
      ['ADDRESS', 'Fort Collins'],
    ]);
  });

  it('leaves months, states, drugs and eponyms after a preposition alone', () => {
    expect(
      kinds(
        'Started in March; switched from Zoloft to sertraline. Raised in Texas. Worse in Parkinson disease. Weaned from Foley at night.',
      ),
    ).toEqual([]);
  });
});

describe('lower-case names after a cue', () => {
  it('finds "pt john smith", "seen by dr. jones" and "np kelly brown"', () => {
    expect(
      kinds('pt john smith f/u htn. seen by dr. jones last week; seen by np kelly brown in clinic.'),
    ).toEqual([
      ['NAME', 'john smith'],
      ['NAME', 'jones'],
      ['NAME', 'kelly brown'],
    ]);
  });

  it('leaves verbs, modals and drugs after the same cues alone', () => {
    expect(
      kinds('pt states pain 3/10. pt may need lasix. dr. recommends rest. per protocol. pt alert.'),
    ).toEqual([]);
  });
});
