import { IdentifierKind } from './identifier-kind';
import { isEponymUse, NOT_A_NAME } from './medical-decoys';
import { type Candidate, isStateName } from './pattern-detectors';

/**
 * A city named after a lower-case "in", "from" or "at" ("moved from Boston", "lives in Springfield", "works at
 * Fort Collins"). Safe Harbor removes every geographic unit smaller than a state. The preposition alone is a weak
 * cue ("in March", "from Lasix", "in Parkinson disease"), so every word must be outside the clinical, drug and
 * eponym vocabulary, the phrase must not be an eponym used as a term, and states (allowed) are kept.
 */
const CUED_PLACE = /\b(?:in|from|at)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})/dg;

/** Capitalised words a preposition often precedes that are neither places nor in the decoy vocabulary. */
const NOT_A_PLACE = new Set([
  'the',
  'this',
  'that',
  'his',
  'her',
  'their',
  'our',
  'my',
  'room',
  'bed',
  'home',
  'clinic',
  'emergency',
  'urgent',
  'primary',
  'internal',
  'family',
  'spring',
  'summer',
  'fall',
  'autumn',
  'winter',
  'christmas',
  'english',
  'spanish',
]);

const MONTHS_AND_DAYS =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

const PLACE_PRIORITY = 4;

export function placeCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CUED_PLACE)) {
    const range = match.indices?.[1];
    if (!range) continue;
    const kept = keptWords(text.slice(range[0], range[1]));
    if (kept.length === 0) continue;
    const phrase = kept.join(' ');
    const end = range[0] + phrase.length;
    if (isStateName(phrase) || isEponymUse(text, end)) continue;
    found.push({ start: range[0], end, kind: IdentifierKind.ADDRESS, priority: PLACE_PRIORITY });
  }
  return found;
}

/** The leading words that could be part of a place name; the first vocabulary word ends the phrase. */
function keptWords(phrase: string): string[] {
  const kept: string[] = [];
  for (const word of phrase.split(' ')) {
    const bare = word.toLowerCase();
    if (NOT_A_NAME.has(bare) || NOT_A_PLACE.has(bare) || MONTHS_AND_DAYS.test(bare)) break;
    kept.push(word);
  }
  return kept;
}
