import { estimateTokens } from '@holovitals/model-client';
import { PLACEHOLDER, placeholdersIn } from './prompt-rendering';

/**
 * Sentences that carry the cited-fact contract (cite ids, use only the records, state nothing unsupported):
 * compaction keeps them word for word, since they are what makes an answer checkable.
 */
const FACT_INSTRUCTION = /\bcit(?:e|es|ed|ing|ation|ations)\b|\bids?\b|\bonly the records\b|\bnot support\b/i;

/**
 * Deterministic rewrites that shorten an instruction without changing what it asks: filler and politeness go,
 * wordy phrases get their short form. Applied in order, to sentences that are not fact instructions.
 */
const REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/\bplease\s+/gi, ''],
  [/\bin order to\b/gi, 'to'],
  [/\ba small number of\b/gi, 'few'],
  [/\bas well as\b/gi, 'and'],
  [/\bat this point in time\b/gi, 'now'],
  [/\bdue to the fact that\b/gi, 'because'],
  [/,?\s*where possible\b/gi, ''],
  [/\b(?:very|really|just|simply|basically|careful)\s+/gi, ''],
  [/\bthis health record\b/gi, 'the record'],
  [/\bwithout a later follow-up\b/gi, 'not followed up'],
  [/\bthat look overdue\b/gi, 'overdue'],
  [/\bwhat each is usually for\b/gi, 'the usual use of each'],
  [/\s{2,}/g, ' '],
  [/\s+([,.;:])/g, '$1'],
];

const SENTENCE = /(?<=[.!?])\s+(?=[A-Z{])/;

function compactSentence(sentence: string): string {
  if (FACT_INSTRUCTION.test(sentence) || sentence.search(PLACEHOLDER) >= 0) return sentence;
  let out = sentence;
  for (const [pattern, replacement] of REWRITES) out = out.replace(pattern, replacement);
  out = out.trim();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function compactLine(line: string): string {
  if (/^-{3,}$/.test(line.trim())) return line.trim();
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const sentence of line.split(SENTENCE)) {
    const compact = compactSentence(sentence.trim());
    const key = compact.toLowerCase();
    if (compact.length === 0 || seen.has(key)) continue;
    seen.add(key);
    sentences.push(compact);
  }
  return sentences.join(' ');
}

export interface CompactedPrompt {
  text: string;
  tokensBefore: number;
  tokensAfter: number;
}

/**
 * A shorter version of a template: the same placeholders and every fact instruction word for word, fewer
 * tokens by the rewrites above, duplicate sentences and blank-line runs removed. Deterministic: the same text
 * always compacts to the same result.
 */
export function compactPrompt(text: string): CompactedPrompt {
  const compacted = text
    .split('\n')
    .map(compactLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const before = placeholdersIn(text);
  const after = placeholdersIn(compacted);
  if (before.length !== after.length || before.some((name, index) => after[index] !== name)) {
    throw new Error('Prompt compaction lost a placeholder');
  }
  return { text: compacted, tokensBefore: estimateTokens(text), tokensAfter: estimateTokens(compacted) };
}

/** The fact-instruction sentences of a text, for checking that a compacted version kept them all. */
export function factInstructions(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(SENTENCE))
    .map((sentence) => sentence.trim())
    .filter((sentence) => FACT_INSTRUCTION.test(sentence));
}
