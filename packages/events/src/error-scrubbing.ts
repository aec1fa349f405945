/**
 * Error text leaves a process (to monitoring, to operators' screens) without the health data or personal details
 * a message may have picked up from its input: e-mail addresses, phone and record numbers, dates, quoted values and
 * long free text are replaced with placeholders. Ids (UUIDs) stay: they name rows, not people, and operators need
 * them to find the failing record.
 */
const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '<email>'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer <token>'],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '<token>'],
  [/\b\d{3}-\d{2}-\d{4}\b/g, '<ssn>'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+Z?)?\b/g, '<date>'],
  [/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, '<date>'],
  [/\+?\b\d[\d\s().-]{7,}\d\b/g, '<number>'],
  [/"(?:[^"\\\n]|\\.){0,500}"/g, '"<value>"'],
  [/'(?:[^'\\\n]|\\.){0,500}'/g, "'<value>'"],
];

/** Kept whole: a UUID whose groups happen to be all digits would otherwise read as a phone or record number. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Private-use characters stand in for the UUIDs while the patterns run; none of the patterns matches them. */
const STAND_IN = 0xe000;
const PRIVATE_USE = /[\ue000-\uf8ff]/g;
const MAX_STAND_INS = 0xf8ff - STAND_IN;

/** Same input, same output: the scrubbed text also serves as the stable part of an error's fingerprint. */
export function scrubErrorText(text: string): string {
  const ids: string[] = [];
  let scrubbed = text
    .replace(PRIVATE_USE, '')
    .replace(UUID, (id) =>
      ids.length < MAX_STAND_INS ? String.fromCharCode(STAND_IN + ids.push(id) - 1) : '<id>',
    );
  for (const [pattern, placeholder] of REPLACEMENTS) scrubbed = scrubbed.replace(pattern, placeholder);
  return scrubbed.replace(PRIVATE_USE, (char) => ids[char.charCodeAt(0) - STAND_IN] ?? '');
}

/** Keeps a stack's frames (file, function, line), scrubbing its first line, the message. */
export function scrubStack(stack: string, maxLength = 16_000): string {
  return scrubErrorText(stack).slice(0, maxLength);
}
