import { type IdentifierSpan } from './identifier-kind';
import { lowercaseNameCandidates } from './lowercase-name-detector';
import { nameCandidates } from './name-detector';
import { type Candidate, patternCandidates } from './pattern-detectors';
import { placeCandidates } from './place-detector';
import type { Pseudonymizer } from './pseudonymizer';
import { defaultReplacement } from './replacement';

export interface DeidentifyOptions {
  /** Replace identifiers by consistent surrogates that this pseudonymizer can map back. */
  pseudonymizer?: Pseudonymizer;
}

export interface DeidentifiedText {
  /** The input with every identifier replaced. */
  text: string;
  /** What was replaced, in the input's character offsets, in order. */
  spans: IdentifierSpan[];
}

/** Finds the Safe Harbor identifiers in `text`, without replacing them. */
export function findIdentifiers(text: string): IdentifierSpan[] {
  return resolveOverlaps([
    ...patternCandidates(text),
    ...placeCandidates(text),
    ...nameCandidates(text),
    ...lowercaseNameCandidates(text),
  ]);
}

/**
 * Replaces every Safe Harbor identifier in `text`. Without a pseudonymizer each becomes a bracketed
 * kind (`[NAME]`), keeping what Safe Harbor allows: a date's year, a ZIP's first three digits, "90+".
 */
export function deidentify(text: string, options: DeidentifyOptions = {}): DeidentifiedText {
  const spans = findIdentifiers(text);
  let output = '';
  let cursor = 0;
  for (const span of spans) {
    const original = text.slice(span.start, span.end);
    output += text.slice(cursor, span.start);
    output += options.pseudonymizer
      ? options.pseudonymizer.surrogateFor(span.kind, original)
      : defaultReplacement(span.kind, original);
    cursor = span.end;
  }
  output += text.slice(cursor);
  return { text: output, spans };
}

/** Keeps the highest-priority, then longest, candidate wherever candidates overlap. */
function resolveOverlaps(candidates: Candidate[]): IdentifierSpan[] {
  const ranked = [...candidates].sort(
    (a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    if (candidate.end <= candidate.start) continue;
    if (kept.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start).map(({ start, end, kind }) => ({ start, end, kind }));
}
