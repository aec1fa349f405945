import { IdentifierKind, type IdentifierSpan } from './identifier-kind';

/** A candidate identifier; `priority` decides between overlapping candidates (higher wins). */
export interface Candidate extends IdentifierSpan {
  priority: number;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:19|20)\\d{2}';

const STATE_ABBREVIATIONS =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';
const STATE_NAMES = [
  'Alabama',
  'Alaska',
  'Arizona',
  'Arkansas',
  'California',
  'Colorado',
  'Connecticut',
  'Delaware',
  'Florida',
  'Georgia',
  'Hawaii',
  'Idaho',
  'Illinois',
  'Indiana',
  'Iowa',
  'Kansas',
  'Kentucky',
  'Louisiana',
  'Maine',
  'Maryland',
  'Massachusetts',
  'Michigan',
  'Minnesota',
  'Mississippi',
  'Missouri',
  'Montana',
  'Nebraska',
  'Nevada',
  'New Hampshire',
  'New Jersey',
  'New Mexico',
  'New York',
  'North Carolina',
  'North Dakota',
  'Ohio',
  'Oklahoma',
  'Oregon',
  'Pennsylvania',
  'Rhode Island',
  'South Carolina',
  'South Dakota',
  'Tennessee',
  'Texas',
  'Utah',
  'Vermont',
  'Virginia',
  'Washington',
  'West Virginia',
  'Wisconsin',
  'Wyoming',
];
const STATE = `(?:${STATE_ABBREVIATIONS}|${STATE_NAMES.join('|')})`;
const STATE_NAME_SET = new Set(STATE_NAMES.map((s) => s.toLowerCase()));

/** States are the one geographic unit Safe Harbor keeps. */
export const isStateName = (value: string): boolean => STATE_NAME_SET.has(value.toLowerCase());
/** Two-letter states that are also clinical credentials ("Jane Roe, MD"): a city needs a ZIP after them. */
const CREDENTIAL_STATES = new Set(['MD', 'PA', 'ME', 'OR', 'IN', 'OK', 'HI', 'DO']);

const STREET_SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Row|Alley|Loop)';
const CAPITALISED = "[A-Z][A-Za-z'’-]*";

interface Rule {
  kind: IdentifierKind;
  pattern: RegExp;
  priority: number;
  /** Index of the capture group that is the identifier (the whole match when absent). */
  group?: number;
  /** Extra check on the identifier text; false drops the match. */
  accept?: (value: string, text: string, index: number) => boolean;
}

const validMonthDay = (month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= 31;

const numericDate = (value: string): boolean => {
  const [a, b] = value.split(/[/.-]/).map(Number);
  return validMonthDay(a ?? 0, b ?? 0) || validMonthDay(b ?? 0, a ?? 0);
};

const LABELLED_IDS: { kind: IdentifierKind; labels: string }[] = [
  { kind: IdentifierKind.VEHICLE, labels: 'VIN|license plate|licence plate|plate number|plate' },
  {
    kind: IdentifierKind.MRN,
    labels: 'MRN|medical record number|medical record|med rec|chart number|chart|patient ID|hospital number',
  },
  {
    kind: IdentifierKind.ACCOUNT,
    labels:
      'account number|account|acct|billing account|encounter number|visit number|FIN|claim number|claim',
  },
  {
    kind: IdentifierKind.HEALTH_PLAN,
    labels:
      'member ID|member number|subscriber ID|subscriber number|policy number|policy|health plan ID|health plan number|plan ID|beneficiary number|group|Medicaid ID|Medicaid number|Medicare ID|Medicare number|MBI|insurance ID|insurance number|group number',
  },
  {
    kind: IdentifierKind.LICENSE,
    labels:
      "driver'?s license number|driver'?s license|driver'?s licence|license number|licence number|license|licence|lic|DEA number|DEA|NPI|certificate number|certificate",
  },
  {
    kind: IdentifierKind.DEVICE,
    labels: 'serial number|serial|S/N|SN|device ID|device identifier|UDI|implant ID|pacemaker ID|IMEI',
  },
];

const labelledRules: Rule[] = LABELLED_IDS.map(({ kind, labels }) => ({
  kind,
  priority: 6,
  group: 1,
  pattern: new RegExp(
    `\\b(?:${labels})\\b\\.?\\s*(?:(?:number|no\\.?|num|ID|#)\\s*)?[:#=]?\\s*(?:is\\s+)?([A-Z0-9](?:[A-Z0-9-]{2,}[A-Z0-9]|[A-Z0-9]{1,2}))\\b`,
    'gi',
  ),
  accept: (value: string) => /\d/.test(value) && value.length >= 4,
}));

const RULES: Rule[] = [
  { kind: IdentifierKind.EMAIL, priority: 9, pattern: /\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b/g },
  {
    kind: IdentifierKind.URL,
    priority: 9,
    pattern: /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi,
  },
  {
    kind: IdentifierKind.IP,
    priority: 8,
    pattern: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g,
  },
  {
    kind: IdentifierKind.IP,
    priority: 8,
    pattern: /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi,
    accept: (value) => /[0-9a-f]/i.test(value) && (value.includes('::') || value.split(':').length === 8),
  },
  { kind: IdentifierKind.SSN, priority: 8, pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g },
  {
    kind: IdentifierKind.SSN,
    priority: 8,
    group: 1,
    pattern:
      /\b(?:SSN|SS#|social security(?: number| no\.?)?)\s*(?:#|:|is|ending in)?\s*((?:\d{3}[- ]?\d{2}[- ]?)?\d{4})\b/gi,
  },
  ...labelledRules,
  {
    kind: IdentifierKind.PHONE,
    priority: 7,
    pattern:
      /(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-])/g,
  },
  {
    kind: IdentifierKind.DATE,
    priority: 5,
    pattern: new RegExp(`\\b${YEAR}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])(?:T[\\d:.]+Z?)?\\b`, 'g'),
  },
  {
    kind: IdentifierKind.DATE,
    priority: 5,
    pattern: /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/-]|\.\d)/g,
    accept: numericDate,
  },
  {
    kind: IdentifierKind.DATE,
    priority: 5,
    pattern: new RegExp(`(?<![\\d/])(?:0?[1-9]|1[0-2])/${YEAR}\\b`, 'g'),
  },
  {
    kind: IdentifierKind.DATE,
    priority: 5,
    group: 1,
    pattern:
      /\b(?:on|since|from|until|by|dated|DOS|DOB|seen|admitted|discharged|through|to)\s*:?\s+((?:0?[1-9]|1[0-2])\/(?:[12]\d|3[01]|0?[1-9]))(?![\d/])/gi,
  },
  {
    kind: IdentifierKind.DATE,
    priority: 5,
    pattern: new RegExp(
      `\\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?${MONTH}\\.?\\s+${DAY}(?:,?\\s+${YEAR})?\\b`,
      'g',
    ),
  },
  {
    kind: IdentifierKind.DATE,
    priority: 5,
    pattern: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}\\.?,?(?:\\s+${YEAR})?\\b`, 'g'),
  },
  { kind: IdentifierKind.DATE, priority: 4, pattern: new RegExp(`\\b${MONTH}\\.?,?\\s+${YEAR}\\b`, 'g') },
  {
    kind: IdentifierKind.AGE,
    priority: 6,
    pattern:
      /\b(9\d|1[0-2]\d)(?:\s*|-)(?:years?|yrs?|y)[\s-]?(?:old|o\b)|\b(?:aged?|age:)\s*(9\d|1[0-2]\d)\b|\b(9\d|1[0-2]\d)\s*(?:yo|y\/o|y\.o\.)(?![a-z])|\b(9\d|1[0-2]\d)(?:\s?(?:M|F|yo[MF]))\b/gi,
  },
  {
    kind: IdentifierKind.ADDRESS,
    priority: 6,
    pattern: new RegExp(
      `\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:${CAPITALISED}\\s+){0,3}${CAPITALISED}\\s+${STREET_SUFFIX}\\b\\.?(?:,?\\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\\.?\\s*#?[A-Za-z0-9-]+)?`,
      'g',
    ),
  },
  { kind: IdentifierKind.ADDRESS, priority: 6, pattern: /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi },
  {
    // A street named without a number ("an apartment on Linden Ave"); "Dr" is left out (doctor).
    kind: IdentifierKind.ADDRESS,
    priority: 5,
    group: 1,
    pattern: new RegExp(
      `\\b(?:on|at|off|near)\\s+((?:${CAPITALISED}\\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy)\\b\\.?)`,
      'g',
    ),
  },
  {
    kind: IdentifierKind.ADDRESS,
    priority: 5,
    group: 1,
    pattern: new RegExp(`\\b([A-Z][a-z]+(?:\\s[A-Z][a-z]+){0,2}),\\s*(${STATE})(?:\\s+(\\d{5}))?\\b`, 'g'),
    accept: (value, text, index) => {
      const after = text.slice(index + value.length);
      const state = /^,\s*([A-Za-z ]+?)(?:\s+\d{5}|\b)/.exec(after)?.[1] ?? '';
      const hasZip = /^,\s*[A-Za-z ]+?\s+\d{5}/.test(after);
      return !STATE_NAME_SET.has(value.toLowerCase()) && (hasZip || !CREDENTIAL_STATES.has(state));
    },
  },
  {
    kind: IdentifierKind.ADDRESS,
    priority: 5,
    group: 1,
    pattern:
      /\b(?:lives in|living in|resides in|resident of|moved to|home in|relocated to)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})/g,
    accept: (value) => !STATE_NAME_SET.has(value.toLowerCase()),
  },
  {
    kind: IdentifierKind.ZIP,
    priority: 6,
    group: 1,
    pattern: new RegExp(`\\b(?:${STATE}),?\\s+(\\d{5}(?:-\\d{4})?)\\b`, 'g'),
  },
  {
    kind: IdentifierKind.ZIP,
    priority: 6,
    group: 1,
    pattern: /\b(?:ZIP|zip code|postal code|zipcode)\s*:?\s*(\d{5}(?:-\d{4})?)\b/gi,
  },
];

const FAX_CUE = /\b(?:fax(?:ed)?\b[^.\n\d]{0,20}|facsimile\s*:?|f\s*:)\s*$/i;

/** Every pattern rule's matches; overlapping candidates are resolved by the caller. */
export function patternCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const rule of COMPILED_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const group = rule.group ?? firstGroup(match);
      const range = match.indices?.[group];
      if (!range) continue;
      const [start, end] = range;
      if (rule.accept && !rule.accept(text.slice(start, end), text, start)) continue;
      let kind = rule.kind;
      if (kind === IdentifierKind.PHONE && FAX_CUE.test(text.slice(Math.max(0, start - 20), start))) {
        kind = IdentifierKind.FAX;
      }
      found.push({ start, end, kind, priority: rule.priority });
    }
  }
  return found;
}

/** The `d` flag gives each capture group's offsets, so a span never has to be searched for again. */
const COMPILED_RULES: Rule[] = RULES.map((rule) => ({
  ...rule,
  pattern: new RegExp(rule.pattern.source, `${rule.pattern.flags}d`),
}));

/** For alternations with several capture groups (ages), the first group that matched. */
function firstGroup(match: RegExpMatchArray): number {
  for (let i = 1; i < match.length; i += 1) if (match[i] !== undefined) return i;
  return 0;
}
