import nlp from 'compromise';
import { IdentifierKind } from './identifier-kind';
import { NOT_A_NAME } from './medical-decoys';
import type { Candidate } from './pattern-detectors';

/**
 * Names typed in lower case after a clinical cue: "pt john smith", "seen by dr. jones", "spoke with rosa". Case
 * gives no signal here, so a word counts only if compromise's lexicon knows it as a first or last name and as
 * nothing that reads as a verb, month or modal ("pt may", "pt states", "dr. recommends").
 */
const CUE =
  /\b(?:(?:seen by|spoke with|spoke to|discussed with|called|per)(?:\s+(?:dr\.?|np|pa|rn))?|pt|patient|dr\.?|np|pa|rn)\s+([a-z][a-z'’-]+)(?:\s+([a-z][a-z'’-]+))?/dg;

/** Surnames compromise reads as adjectives; accepted only as the second word after a known first name. */
const ADJECTIVE_SURNAMES = new Set(['brown', 'black', 'white', 'green', 'gray', 'grey', 'young', 'long']);

const NOT_PERSON_TAGS = ['Verb', 'Modal', 'Date', 'Month', 'Adjective', 'Preposition', 'Conjunction'];

/** compromise is slow to start per call; the same few cue-following words recur in every note. */
const tagCache = new Map<string, string[]>();

function lexiconTags(word: string): string[] {
  let tags = tagCache.get(word);
  if (!tags) {
    const terms = nlp(word).json() as { terms: { tags: string[] }[] }[];
    tags = terms[0]?.terms[0]?.tags ?? [];
    if (tagCache.size < 10_000) tagCache.set(word, tags);
  }
  return tags;
}

function isKnownName(word: string): { name: boolean; first: boolean } {
  if (NOT_A_NAME.has(word)) return { name: false, first: false };
  const tags = lexiconTags(word);
  const name = tags.includes('Person') && !tags.some((tag) => NOT_PERSON_TAGS.includes(tag));
  return { name, first: name && tags.includes('FirstName') };
}

const NAME_PRIORITY = 3;

export function lowercaseNameCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CUE)) {
    const first = match.indices?.[1];
    if (!first || !match[1]) continue;
    const firstWord = isKnownName(match[1]);
    if (!firstWord.name) continue;
    let end = first[1];
    const second = match.indices?.[2];
    if (second && match[2]) {
      const secondWord = match[2];
      if (
        isKnownName(secondWord).name ||
        (firstWord.first && ADJECTIVE_SURNAMES.has(secondWord) && !NOT_A_NAME.has(secondWord))
      ) {
        end = second[1];
      }
    }
    found.push({ start: first[0], end, kind: IdentifierKind.NAME, priority: NAME_PRIORITY });
  }
  return found;
}
