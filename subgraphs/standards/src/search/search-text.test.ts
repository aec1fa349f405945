import { describe, expect, it } from 'vitest';
import { StandardsError, StandardsErrorCode } from '../standards-error';
import { checkedResultCount, searchTerms } from './search-text';

describe('searchTerms', () => {
  it('builds a prefix tsquery from words only, so tsquery syntax in the text stays data', () => {
    expect(searchTerms("  Hemoglobin  A1c & !(x | y):* ' ")).toEqual({
      text: "Hemoglobin A1c & !(x | y):* '",
      lower: "hemoglobin a1c & !(x | y):* '",
      prefixQuery: 'hemoglobin:* & a1c:* & x:* & y:*',
      likePrefix: "hemoglobin a1c & !(x | y):* '%",
      words: ['hemoglobin', 'a1c', 'x', 'y'],
    });
  });

  it('escapes LIKE wildcards in the code prefix', () => {
    expect(searchTerms('E1_%\\').likePrefix).toBe('e1\\_\\%\\\\%');
  });

  it('has no tsquery for text without letters or digits', () => {
    expect(searchTerms('%%').prefixQuery).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['over 200 characters', 'a'.repeat(201)],
    ['a control character', 'glucose\u0007'],
  ])('refuses %s text', (_label, text) => {
    expect(() => searchTerms(text)).toThrow(
      expect.objectContaining({ code: StandardsErrorCode.BAD_USER_INPUT }) as StandardsError,
    );
  });
});

describe('checkedResultCount', () => {
  it('accepts 1..100 and refuses the rest', () => {
    expect(checkedResultCount(1)).toBe(1);
    expect(checkedResultCount(100)).toBe(100);
    for (const bad of [0, 101, 2.5, Number.NaN])
      expect(() => checkedResultCount(bad)).toThrow(StandardsError);
  });
});
