/** Lower case, punctuation to spaces, single spaces: the form names are compared in. */
export function normalizeLabName(name: string): string {
  return (
    name
      .toLowerCase()
      // Dotted abbreviations (T.S.H., G.G.T.) are one word; a letter hyphenated to a number (T-4, B-12) too.
      .replace(/\b(?:\p{L}\.){2,}/gu, (dotted) => `${dotted.replace(/\./g, '')} `)
      .replace(/(\p{L})-(\d)/gu, '$1$2')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** Where the sample came from, as far as a printed name says it. */
export type NamedSpecimen = 'urine' | 'blood' | 'serum-plasma' | null;

/**
 * A lab name taken apart: the words that name the test (sorted, spelling unified), the words that tell
 * otherwise equal tests apart (direct/indirect, free, fasting, hs, SD/CV…), and the specimen it names.
 */
export interface LabNameParts {
  /** The test's words, sorted and joined by spaces; equal keys name the same test in any word order. */
  key: string;
  words: readonly string[];
  /** Distinguishing words, sorted and joined; two names with different qualifiers are different tests. */
  qualifiers: string;
  specimen: NamedSpecimen;
}

/** British and other spellings seen on reports, read as the LOINC (US) spelling. */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['haemoglobin', 'hemoglobin'],
  ['haematocrit', 'hematocrit'],
  ['haemoglobins', 'hemoglobin'],
  ['leucocytes', 'leukocytes'],
  ['leucocyte', 'leukocyte'],
  ['oestradiol', 'estradiol'],
  ['glycosylated', 'glycated'],
  ['glycohaemoglobin', 'glycohemoglobin'],
  ['ionised', 'ionized'],
  ['phosphorous', 'phosphorus'],
  ['thyroxin', 'thyroxine'],
  ['hscrp', 'hs crp'],
  ['hstni', 'hs tni'],
  ['ntprobnp', 'nt probnp'],
  ['sgpt', 'alt'],
  ['sgot', 'ast'],
]);

/** Words that tell two otherwise equal tests apart, with their spellings. */
const QUALIFIERS: ReadonlyMap<string, string> = new Map([
  ['direct', 'direct'],
  ['conjugated', 'direct'],
  ['indirect', 'indirect'],
  ['unconjugated', 'indirect'],
  ['free', 'free'],
  ['fasting', 'fasting'],
  ['random', 'random'],
  ['ionized', 'ionized'],
  ['hs', 'hs'],
  ['ultrasensitive', 'hs'],
  ['calculated', 'calculated'],
  ['calc', 'calculated'],
  ['sd', 'sd'],
  ['cv', 'cv'],
  ['non', 'non'],
  ['ratio', 'ratio'],
  ['index', 'index'],
  ['percent', 'percent'],
  ['absolute', 'absolute'],
  ['24h', '24h'],
]);

/** Multi-word spellings read as one word before the words are split. */
const QUALIFIER_PHRASES: readonly [RegExp, string][] = [
  [/\bhigh(?:ly)? sensitiv(?:e|ity)\b/g, 'hs'],
  [/\bhigh sens\b/g, 'hs'],
  [/\b24 ?(?:h|hr|hour)\b/g, '24h'],
  // The test's name, not its specimen: BUN is measured in serum or plasma.
  [/\bblood urea nitrogen\b/g, 'bun'],
];

const URINE_WORDS = new Set(['urine', 'ur', 'urn', 'urinary']);
const BLOOD_WORDS = new Set(['blood', 'bld', 'whole']);
const SERUM_WORDS = new Set(['serum', 'plasma', 'ser', 'plas', 'pl', 'sr', 'serplas', 's', 'p']);

/**
 * Words that add nothing to which test it is. "total" is the default of every analyte that also has a
 * fraction (bilirubin, protein, cholesterol, T4), and each fraction's own word is a qualifier, so "total"
 * can be dropped without merging two tests.
 */
const FILLER = new Set([
  'level',
  'levels',
  'lvl',
  'test',
  'result',
  'value',
  'quant',
  'quantitative',
  'conc',
  'concentration',
  'count',
  'cnt',
  'total',
  'tot',
  'the',
  'of',
  'in',
  'by',
  'and',
  'measurement',
  'seconds',
  'sec',
]);

/** Plural and singular read alike (platelets/platelet, triglycerides/triglyceride). */
function singular(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** Takes a printed lab name apart into test words, qualifiers and specimen (see LabNameParts). */
export function labNameParts(name: string): LabNameParts {
  let text = normalizeLabName(name);
  for (const [pattern, replacement] of QUALIFIER_PHRASES) text = text.replace(pattern, replacement);
  const words: string[] = [];
  const qualifiers = new Set<string>();
  let specimen: NamedSpecimen = null;
  for (const raw of text.split(' ')) {
    for (const word of (SPELLINGS.get(raw) ?? raw).split(' ')) {
      if (word === '' || FILLER.has(word)) continue;
      if (URINE_WORDS.has(word)) specimen = 'urine';
      else if (BLOOD_WORDS.has(word)) specimen = specimen === 'urine' ? specimen : 'blood';
      else if (SERUM_WORDS.has(word)) specimen = specimen === null ? 'serum-plasma' : specimen;
      else if (QUALIFIERS.has(word)) qualifiers.add(QUALIFIERS.get(word)!);
      else words.push(singular(word));
    }
  }
  const sorted = [...new Set(words)].sort();
  return { key: sorted.join(' '), words: sorted, qualifiers: [...qualifiers].sort().join(' '), specimen };
}

/** Dice coefficient over word sets; 1 for the same words in any order. */
export function wordOverlap(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/** Whether two words differ by at most one edit (insertion, deletion, substitution or swap of neighbours). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}
