import { StandardsError, StandardsErrorCode } from '../standards-error';

export const MAX_SEARCH_TEXT = 200;
export const MAX_SEARCH_RESULTS = 100;

/** What a search runs on: the trimmed text, its lower-case form, and a prefix tsquery of its words. */
export interface SearchTerms {
  text: string;
  lower: string;
  /** `word1:* & word2:*` for to_tsquery('simple', …); null when no word survives (e.g. only punctuation). */
  prefixQuery: string | null;
  /** The text with LIKE wildcards escaped, for code-prefix matching. */
  likePrefix: string;
  /** Lower-case words (letters and digits). */
  words: string[];
}

/** Validates and prepares search text; throws BAD_USER_INPUT for empty, over-long or control-character text. */
export function searchTerms(text: string): SearchTerms {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw new StandardsError(StandardsErrorCode.BAD_USER_INPUT, 'Search text is empty.');
  if (trimmed.length > MAX_SEARCH_TEXT) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      `Search text is longer than ${MAX_SEARCH_TEXT} characters.`,
    );
  }
  if (/\p{Cc}/u.test(trimmed)) {
    throw new StandardsError(StandardsErrorCode.BAD_USER_INPUT, 'Search text contains control characters.');
  }
  const lower = trimmed.toLowerCase();
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return {
    text: trimmed,
    lower,
    prefixQuery: words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : null,
    likePrefix: `${lower.replace(/[\\%_]/g, (char) => `\\${char}`)}%`,
    words,
  };
}

/** Throws BAD_USER_INPUT unless 1 ≤ first ≤ MAX_SEARCH_RESULTS. */
export function checkedResultCount(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      `first must be an integer from 1 to ${MAX_SEARCH_RESULTS}.`,
    );
  }
  return first;
}
