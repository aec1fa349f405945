import nlp from 'compromise';
import { IdentifierKind } from './identifier-kind';
import { EPONYM_WORDS, isEponymUse, NOT_A_NAME } from './medical-decoys';
import type { Candidate } from './pattern-detectors';

/** One name word: "Maria", "O'Brien", "McAllister", "Smith-Jones", or an initial "J.". */
const WORD = "(?:[A-Z][a-z]*['’]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\\.)";
/** Lower-case surname particles: "Van der Berg", "de la Cruz". */
const PARTICLE = '(?:van|von|der|den|de|la|le|del|della|da|di|du|bin|al|ten|ter)';
/** One to three name words on one line, particles between them. */
const NAME = `(${WORD}(?:[ ](?:${PARTICLE}[ ])*${WORD}){0,2})`;
/** "Doe, John" after a label. */
const INVERTED_NAME = `(${WORD}(?:[ ](?:${PARTICLE}[ ])*${WORD})?,[ ]${WORD}(?:[ ]${WORD})?)`;

const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`);

const TITLE = '\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor)\\.?[ ]+';
const CREDENTIAL =
  '(?=,?[ ]+(?:MD|M\\.D\\.|DO|RN|NP|PA-C|FNP|FNP-C|DNP|PhD|LPN|CNA|PharmD|MSW|LCSW|APRN|CRNA|DDS|OD)\\b)';
const LABEL =
  '\\b(?:Patient name|Patient|Pt|Name|Attending(?: physician)?|PCP|Primary care(?: physician)?|Provider|Referring(?: physician| provider)?|Electronically signed by|Signed by|Signed|Dictated by|Transcribed by|Cosigned by|Seen by|Nurse|Emergency contact|Contact|Guardian|Next of kin|NOK|Resident|Surgeon|Therapist|Pharmacist|Caregiver|Interpreter|Case manager|Social worker|Witness|Proxy|Health care proxy|Consulting physician)[ ]*[:-]?[ ]+';
const RELATION =
  "\\b(?:[Ww]ife|[Hh]usband|[Ss]pouse|[Pp]artner|[Ss]on|[Dd]aughter|[Mm]other|[Ff]ather|[Mm]om|[Dd]ad|[Ss]ister|[Bb]rother|[Gg]randson|[Gg]randdaughter|[Gg]randmother|[Gg]randfather|[Aa]unt|[Uu]ncle|[Nn]iece|[Nn]ephew|[Ff]riend|[Nn]eighbor|[Nn]eighbour|[Ff]ianc[eé]e?|[Ss]tepson|[Ss]tepdaughter|[Bb]oyfriend|[Gg]irlfriend|[Rr]oommate|[Cc]ousin)(?:['’]s name is|,)?[ ]+(?:named[ ]+|is[ ]+|\\()?";
const NICKNAME = '\\b(?:goes by|known as|nickname|aka|a\\.k\\.a\\.|prefers to be called)[ ]*:?[ ]*["“]?';
const ACTION =
  '\\b(?:spoke with|spoke to|discussed with|discussed (?:the )?(?:plan|case) with|called|met with|accompanied by|per|consulted|message from|message to|informed|reviewed with|handed off to|care transferred to|visited by)[ ]+';

interface NameRule {
  pattern: RegExp;
  /** Cued names are names even when the word is an eponym ("Mrs. Bell"); uncued ones are checked. */
  cued: boolean;
}

const NAME_RULES: NameRule[] = [
  { pattern: new RegExp(`${TITLE}${NAME}`, 'dg'), cued: true },
  { pattern: new RegExp(`\\b${NAME}${CREDENTIAL}`, 'dg'), cued: true },
  { pattern: new RegExp(`${LABEL}${INVERTED_NAME}`, 'dg'), cued: true },
  { pattern: new RegExp(`${LABEL}${NAME}`, 'dg'), cued: true },
  { pattern: new RegExp(`${RELATION}${NAME}`, 'dg'), cued: true },
  { pattern: new RegExp(`${NICKNAME}${NAME}`, 'dg'), cued: true },
  { pattern: new RegExp(`\\b${INVERTED_NAME}${CREDENTIAL}`, 'dg'), cued: true },
  { pattern: new RegExp(`${ACTION}${NAME}`, 'dg'), cued: false },
];

const NAME_PRIORITY = 3;

/**
 * Names of patients, relatives and clinicians. Three sources: cues (titles, credentials, labels, family
 * relations, "spoke with"), compromise's person tagger for names with no cue, and every other mention of
 * a word already known to be part of a name in the same text ("Mrs. Bell ... Bell reports").
 */
export function nameCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const rule of NAME_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const range = match.indices?.[1];
      if (!range) continue;
      const trimmed = trimName(text, range[0], range[1]);
      if (!trimmed) continue;
      if (!rule.cued && !plausibleUncuedName(text, trimmed.start, trimmed.end)) continue;
      found.push({ ...trimmed, kind: IdentifierKind.NAME, priority: NAME_PRIORITY });
    }
  }
  for (const person of taggedPeople(text)) {
    if (plausibleUncuedName(text, person.start, person.end)) found.push(person);
  }
  return [...found, ...otherMentions(text, found)];
}

/** Drops trailing words that are clinical vocabulary ("Smith Continue") and leading titles. */
function trimName(text: string, start: number, end: number): { start: number; end: number } | null {
  const words = [...text.slice(start, end).matchAll(/\S+/g)];
  let first = 0;
  let last = words.length - 1;
  const isNoise = (word: string): boolean => {
    const bare = word.replace(/[.,;:]+$/, '').toLowerCase();
    return NOT_A_NAME.has(bare) && !EPONYM_WORDS.has(bare);
  };
  while (first <= last && isNoise(words[first]?.[0] ?? '')) first += 1;
  while (last >= first && isNoise(words[last]?.[0] ?? '')) last -= 1;
  if (first > last) return null;
  const lastWord = words[last];
  let from = start + (words[first]?.index ?? 0);
  let to = start + (lastWord?.index ?? 0) + (lastWord?.[0].length ?? 0);
  while (from < to && !/\p{L}/u.test(text[from] ?? '')) from += 1;
  while (to > from && !/\p{L}/u.test(text[to - 1] ?? '') && !/\b[A-Z]\.$/.test(text.slice(to - 3, to)))
    to -= 1;
  return to > from ? { start: from, end: to } : null;
}

/** An uncued capitalised phrase is a name only if no word is vocabulary and it is no eponym use. */
function plausibleUncuedName(text: string, start: number, end: number): boolean {
  const words = text.slice(start, end).split(/\s+/);
  if (words.some((word) => NOT_A_NAME.has(word.replace(/[.'’s]+$/, '').toLowerCase()))) return false;
  if (!words.every((word) => /^[A-Z]/.test(word) || PARTICLE_WORD.test(word))) return false;
  return !isEponymUse(text, end);
}

/** compromise slows down sharply on long sentences; it reads the text in pieces of about this size. */
const TAGGER_PIECE = 1000;

function taggedPeople(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const [offset, piece] of pieces(text, TAGGER_PIECE)) {
    const people = nlp(piece).people().out('offset') as { offset: { start: number; length: number } }[];
    for (const person of people) {
      const start = offset + person.offset.start;
      const trimmed = trimName(text, start, start + person.offset.length);
      if (trimmed) found.push({ ...trimmed, kind: IdentifierKind.NAME, priority: NAME_PRIORITY - 1 });
    }
  }
  return found;
}

/** Splits at a line or sentence end before `size` characters, else at a space, else anywhere. */
function* pieces(text: string, size: number): Generator<[number, string]> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const window = text.slice(start, end);
      const sentenceEnd = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('. '));
      const space = window.lastIndexOf(' ');
      const cut = sentenceEnd > size / 2 ? sentenceEnd + 1 : space > size / 2 ? space + 1 : window.length;
      end = start + cut;
    }
    yield [start, text.slice(start, end)];
    start = end;
  }
}

/** Later mentions of a known name word (surname alone, first name alone), unless used as an eponym. */
function otherMentions(text: string, names: Candidate[]): Candidate[] {
  const words = new Set<string>();
  for (const name of names) {
    for (const word of text.slice(name.start, name.end).split(/[\s,]+/)) {
      const bare = word.toLowerCase();
      if (word.length >= 3 && (!NOT_A_NAME.has(bare) || EPONYM_WORDS.has(bare))) words.add(word);
    }
  }
  if (words.size === 0) return [];
  const escaped = [...words].map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`\\b(?:${escaped.join('|')})\\b`, 'g');
  const found: Candidate[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (isEponymUse(text, end)) continue;
    found.push({ start, end, kind: IdentifierKind.NAME, priority: NAME_PRIORITY - 1 });
  }
  return found;
}
