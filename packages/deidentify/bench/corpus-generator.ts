import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IdentifierKind, type IdentifierSpan } from '../src';

/**
 * Writes corpus/notes.json: synthetic clinical notes (invented people, no real data) built from templates
 * by a seeded generator, with gold spans for every identifier (same seed, same corpus); and
 * corpus/handwritten.json from the hand-marked notes in corpus/handwritten.txt.
 */

const NOTE_COUNT = 120;
const SEED = 20261201;

/** mulberry32: small, seeded, reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const between = (low: number, high: number): number => low + Math.floor(rnd() * (high - low + 1));

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Robert',
  'Mei',
  'Carlos',
  'Fatima',
  'Oliver',
  'Priya',
  'Dmitri',
  'Grace',
  'Tomasz',
  'Lucia',
  'Kwame',
  'Hannah',
  'Mateo',
  'Ingrid',
  'Samuel',
  'Yuki',
  'Beatrice',
  'Elijah',
  'Noor',
  'Rosalind',
  'Victor',
  'Amara',
  'Declan',
  'Esperanza',
  'Hugo',
  'Leilani',
  'Rafael',
  'Sunita',
  'Wendell',
];
const LAST = [
  'Gonzalez',
  'Whitfield',
  'Okafor',
  'Nakamura',
  'Kowalski',
  'Haddad',
  'Lindqvist',
  'Abernathy',
  'Fitzgerald',
  "O'Donnell",
  'McAllister',
  'Petrov',
  'Castellanos',
  'Mbeki',
  'Van der Berg',
  'Huang',
  'Delacroix',
  'Szabo',
  'Brennan',
  'Achterberg',
  'Quintero',
  'Ramaswamy',
  'Thornbury',
  'Ellison',
  // Surnames that are also eponyms: a cue makes them names; "Bell's palsy" stays.
  'Bell',
  'Graves',
  'Parkinson',
  'Cushing',
];
const STREETS = [
  'Elm',
  'Maple',
  'Harbor View',
  'Oak Ridge',
  'Willow',
  'Chestnut',
  'Lakeshore',
  'Juniper',
  'Mill Pond',
];
const SUFFIXES = [
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Road',
  'Lane',
  'Drive',
  'Court',
  'Boulevard',
  'Way',
  'Place',
];
const CITIES: [string, string, string][] = [
  ['Springfield', 'IL', '627'],
  ['Worcester', 'MA', '016'],
  ['Fall River', 'MA', '027'],
  ['Dayton', 'OH', '454'],
  ['Boise', 'ID', '837'],
  ['Tacoma', 'WA', '984'],
  ['Albany', 'NY', '122'],
  ['Durham', 'NC', '277'],
  ['Tucson', 'AZ', '857'],
  ['Madison', 'WI', '537'],
  ['Eugene', 'OR', '974'],
  ['Baltimore', 'MD', '212'],
];
const RELATIONS = [
  'wife',
  'husband',
  'daughter',
  'son',
  'sister',
  'brother',
  'mother',
  'father',
  'granddaughter',
  'neighbor',
];
const TITLES = ['Dr.', 'Dr', 'Mr.', 'Mrs.', 'Ms.'];
const CREDENTIALS = ['MD', 'DO', 'NP', 'RN', 'PA-C', 'MD, PhD'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A piece of a note: plain text, or an identifier with its kind. */
type Part = string | { text: string; kind: IdentifierKind };
const id = (kind: IdentifierKind, text: string): Part => ({ text, kind });

interface Person {
  first: string;
  last: string;
}
const person = (): Person => ({ first: pick(FIRST), last: pick(LAST) });

function date(): string {
  const year = between(2015, 2026);
  const month = between(1, 12);
  const day = between(1, 28);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return pick([
    `${month}/${day}/${year}`,
    `${pad(month)}/${pad(day)}/${year}`,
    `${year}-${pad(month)}-${pad(day)}`,
    `${MONTHS[month - 1]} ${day}, ${year}`,
    `${(MONTHS[month - 1] ?? '').slice(0, 3)} ${day}, ${year}`,
    `${day} ${MONTHS[month - 1]} ${year}`,
    `${month}-${day}-${String(year).slice(2)}`,
    `${MONTHS[month - 1]} ${year}`,
  ]);
}
const phone = (): string => {
  const [a, b, c] = [String(between(201, 989)), String(between(200, 989)), digits(4)];
  return pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`]);
};
const ssn = (): string => `${between(100, 665)}-${between(10, 99)}-${between(1000, 9999)}`;

interface Cast {
  patient: Person;
  relative: Person;
  relation: string;
  clinician: Person;
  nurse: Person;
}

type Template = (cast: Cast) => Part[];
const N = IdentifierKind;

const HEADERS: Template[] = [
  (c) => [
    'Patient: ',
    id(N.NAME, `${c.patient.first} ${c.patient.last}`),
    '  MRN: ',
    id(N.MRN, digits(8)),
    '\n',
  ],
  (c) => [
    'Patient Name: ',
    id(N.NAME, `${c.patient.last}, ${c.patient.first}`),
    '\nDOB: ',
    id(N.DATE, date()),
    '\n',
  ],
  (c) => [
    'Name: ',
    id(N.NAME, `${c.patient.first} ${c.patient.last}`),
    ' | Medical Record Number: ',
    id(N.MRN, `MR-${digits(7)}`),
    ' | Account #: ',
    id(N.ACCOUNT, digits(9)),
    '\n',
  ],
  (c) => [
    'Pt: ',
    id(N.NAME, `${c.patient.first} ${c.patient.last}`),
    ', DOS ',
    id(N.DATE, date()),
    ', Acct ',
    id(N.ACCOUNT, `A${digits(8)}`),
    '\n',
  ],
];

const BODY: Template[] = [
  (c) => [
    pick(TITLES.slice(2)),
    ' ',
    id(N.NAME, c.patient.last),
    ' is a ',
    id(N.AGE, String(between(90, 104))),
    '-year-old with a history of hypertension.',
  ],
  (c) => [
    'The patient, ',
    id(N.NAME, c.patient.first),
    ', is ',
    id(N.AGE, String(between(90, 99))),
    ' y/o and lives alone.',
  ],
  () => ['Age: ', id(N.AGE, String(between(90, 101))), '. Ambulates with a walker.'],
  () => ['She is a 67-year-old woman seen for follow-up.'],
  () => ['He is a 45 yo man, aged 45, with type 2 diabetes.'],
  () => [
    'Home address: ',
    id(N.ADDRESS, `${between(1, 9999)} ${pick(STREETS)} ${pick(SUFFIXES)}`),
    ', ',
    ...cityLine(),
    '.',
  ],
  (c) => [
    'Lives at ',
    id(
      N.ADDRESS,
      `${between(1, 999)} ${pick(STREETS)} ${pick(SUFFIXES)}, Apt ${between(1, 30)}${pick(['A', 'B', ''])}`,
    ),
    ' with ',
    pick(['her', 'his']),
    ' ',
    c.relation,
    ' ',
    id(N.NAME, `${c.relative.first}`),
    '.',
  ],
  () => {
    const [city] = pick(CITIES);
    return ['Patient lives in ', id(N.ADDRESS, city), ' and drives to appointments.'];
  },
  () => ['Mailing address: ', id(N.ADDRESS, `PO Box ${between(10, 9999)}`), ', ', ...cityLine(), '.'],
  () => ['Contact phone ', id(N.PHONE, phone()), '; fax ', id(N.FAX, phone()), '.'],
  (c) => [
    'Call ',
    pick(['her', 'his']),
    ' ',
    c.relation,
    ', ',
    id(N.NAME, `${c.relative.first} ${c.relative.last}`),
    ', at ',
    id(N.PHONE, phone()),
    ' with results.',
  ],
  () => ['Cell: ', id(N.PHONE, phone()), '. Work: ', id(N.PHONE, phone()), ' ext. ', '12', '.'],
  () => ['Results faxed to fax number ', id(N.FAX, phone()), ' on ', id(N.DATE, date()), '.'],
  (c) => [
    'Email: ',
    id(
      N.EMAIL,
      `${c.patient.first.toLowerCase()}.${c.patient.last.toLowerCase().replace(/\W/g, '')}@example.com`,
    ),
    '.',
  ],
  (c) => [
    'Patient portal message from ',
    id(N.EMAIL, `${c.patient.first.toLowerCase()}${digits(2)}@mail.example.org`),
    ' reviewed.',
  ],
  () => ['SSN: ', id(N.SSN, ssn()), '.'],
  () => ['Social security number ', id(N.SSN, ssn()), ' verified at registration.'],
  () => [
    'Insurance: Blue Cross, Member ID: ',
    id(N.HEALTH_PLAN, `XJ${digits(9)}`),
    ', Group Number: ',
    id(N.HEALTH_PLAN, digits(6)),
    '.',
  ],
  () => [
    'Medicare number ',
    id(N.HEALTH_PLAN, `${digits(1)}EG${digits(1)}TE${digits(1)}MK${digits(2)}`),
    ' on file.',
  ],
  () => ['Policy #', id(N.HEALTH_PLAN, `P${digits(8)}`), ' active through next year.'],
  (c) => [
    'Prescriber ',
    id(N.NAME, `${c.clinician.first} ${c.clinician.last}`),
    ', ',
    pick(CREDENTIALS),
    ', DEA # ',
    id(N.LICENSE, `B${pick(['K', 'M', 'R'])}${digits(7)}`),
    '.',
  ],
  () => ["Driver's license number ", id(N.LICENSE, `D${digits(7)}`), ' copied for ID.'],
  () => ['NPI: ', id(N.LICENSE, digits(10)), '.'],
  () => ['Pacemaker serial number ', id(N.DEVICE, `PM${digits(6)}`), ' interrogated; normal function.'],
  () => [
    'Insulin pump S/N: ',
    id(N.DEVICE, `${digits(3)}-${digits(5)}`),
    '. UDI ',
    id(N.DEVICE, `0${digits(13)}`),
    '.',
  ],
  () => [
    'Brought in by car, license plate ',
    id(N.VEHICLE, `${pick(['7', '4', '9'])}ABC${digits(3)}`),
    ', VIN ',
    id(N.VEHICLE, `1HGCM${digits(12)}`),
    '.',
  ],
  () => ['Education handout at ', id(N.URL, `https://www.example-health.org/handouts/${digits(4)}`), '.'],
  () => ['Telehealth link ', id(N.URL, `https://telehealth.example.com/room/${digits(6)}`), ' sent.'],
  () => [
    'Remote monitoring login from IP ',
    id(N.IP, `${between(10, 223)}.${between(0, 255)}.${between(0, 255)}.${between(1, 254)}`),
    '.',
  ],
  () => [
    'Device gateway at ',
    id(N.IP, `fe80::${digits(2)}a:${digits(2)}bf:fe${digits(2)}:${digits(4)}`),
    ' uploaded readings.',
  ],
  () => ['Last seen on ', id(N.DATE, date()), '; next visit ', id(N.DATE, date()), '.'],
  () => ['Colonoscopy ', id(N.DATE, date()), ' was normal.'],
  () => ['Admitted ', id(N.DATE, date()), ', discharged ', id(N.DATE, date()), '.'],
  (c) => [
    'Spoke with ',
    id(N.NAME, `${c.relative.first} ${c.relative.last}`),
    ' (',
    c.relation,
    ') about the plan.',
  ],
  (c) => [
    `${c.relation[0]?.toUpperCase()}${c.relation.slice(1)} `,
    id(N.NAME, c.relative.first),
    ' is the health care proxy.',
  ],
  (c) => [
    'Emergency contact: ',
    id(N.NAME, `${c.relative.first} ${c.relative.last}`),
    ' ',
    id(N.PHONE, phone()),
    '.',
  ],
  (c) => ['Discussed with Dr. ', id(N.NAME, c.clinician.last), ' from cardiology, who agrees.'],
  (c) => ['Seen by ', id(N.NAME, `${c.nurse.first} ${c.nurse.last}`), ', RN for wound care.'],
  (c) => ['PCP: Dr. ', id(N.NAME, `${c.clinician.first} ${c.clinician.last}`), '.'],
  (c) => [
    id(N.NAME, c.patient.last),
    ' reports feeling better; ',
    id(N.NAME, c.patient.first),
    ' walks daily.',
  ],
  (c) => ['Mrs. ', id(N.NAME, c.relative.last), ' accompanied the patient.'],
];

/** Sentences with no identifier: eponyms, drugs, doses, lab values, years alone, ages under 90. */
const DECOYS: string[] = [
  'Assessment: Parkinson disease, stable on carbidopa-levodopa 25/100 mg three times daily.',
  "Bell's palsy on the left resolved after prednisone 60 mg daily for 7 days.",
  'Graves disease treated with methimazole 10 mg; TSH 0.02 mIU/L.',
  'History of Hodgkin lymphoma in remission since 2009.',
  'Addison disease on hydrocortisone 15 mg AM and 5 mg PM; fludrocortisone 0.1 mg.',
  'Cushing syndrome was excluded by dexamethasone suppression test.',
  "Crohn's disease flare; started Humira 40 mg every 2 weeks.",
  "Alzheimer's dementia, MMSE 21/30; continue donepezil 10 mg nightly.",
  'Hashimoto thyroiditis on levothyroxine 88 mcg.',
  'Raynaud phenomenon worse in winter.',
  'BP 128/82, HR 76, RR 16, SpO2 97% on room air, temp 98.6 F.',
  'Labs: HbA1c 7.2%, creatinine 1.1 mg/dL, eGFR 68, potassium 4.3 mmol/L, INR 2.5.',
  'LDL 132 mg/dL; start atorvastatin 40 mg; recheck lipids in 12 weeks.',
  'Metformin 1000 mg twice daily; Lisinopril 10 mg daily; Eliquis 5 mg BID.',
  'Take 1/2 tablet of Norco 5/325 every 6 hours as needed.',
  'Tylenol 650 mg q6h PRN pain; avoid Advil given CKD stage 3.',
  'Glasgow Coma Scale 15. Murphy sign negative. Babinski reflex absent.',
  'Foley catheter removed; voiding without difficulty.',
  'Apgar scores 8 and 9 at birth were reviewed from the family history.',
  'Vaccinated for influenza this season; Tdap up to date.',
  'Diagnosed with diabetes in 2012 and hypertension in 2015.',
  'Smoking: 20 pack-years, quit 10 years ago.',
  'Whipple procedure in 2019 for pancreatic mass.',
  'Nissen fundoplication planned; GERD controlled on omeprazole 20 mg.',
  'Down syndrome; lives in a group home with supervision.',
  'Kawasaki disease as a child without coronary sequelae.',
  'Continue Xarelto 20 mg with evening meal.',
  'Wilson disease screening: ceruloplasmin 28 mg/dL.',
  'Follow up in 3-4 weeks; return sooner if symptoms worsen.',
  'Gleason score 3+4=7 on biopsy; PSA 6.2 ng/mL.',
];

const SIGNATURES: Template[] = [
  (c) => [
    'Electronically signed by ',
    id(N.NAME, `${c.clinician.first} ${c.clinician.last}`),
    ', ',
    pick(CREDENTIALS),
    ' on ',
    id(N.DATE, date()),
    '.',
  ],
  (c) => [
    'Dictated by: ',
    id(N.NAME, `${c.clinician.first} ${c.clinician.last}`),
    ' ',
    pick(['MD', 'NP', 'DO']),
    '\n',
  ],
  (c) => [
    id(N.NAME, `${c.clinician.first} ${c.clinician.last}`),
    ', ',
    pick(CREDENTIALS),
    '\nClinic phone ',
    id(N.PHONE, phone()),
  ],
];

function cityLine(): Part[] {
  const [city, state, zip3] = pick(CITIES);
  return [id(N.ADDRESS, city), `, ${state} `, id(N.ZIP, `${zip3}${digits(2)}`)];
}

export interface CorpusNote {
  id: string;
  text: string;
  spans: IdentifierSpan[];
}

function render(parts: Part[]): { text: string; spans: IdentifierSpan[] } {
  let text = '';
  const spans: IdentifierSpan[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else {
      spans.push({ start: text.length, end: text.length + part.text.length, kind: part.kind });
      text += part.text;
    }
  }
  return { text, spans };
}

function note(index: number): CorpusNote {
  let clinician = person();
  const patient = person();
  while (clinician.last === patient.last) clinician = person();
  const cast: Cast = { patient, relative: person(), relation: pick(RELATIONS), clinician, nurse: person() };
  const parts: Part[] = [...pick(HEADERS)(cast)];
  const sentences: Part[][] = [];
  // Every body template appears in some note: walk them in order, then add random ones and decoys.
  sentences.push(BODY[index % BODY.length]?.(cast) ?? []);
  for (let i = between(3, 6); i > 0; i -= 1) sentences.push(pick(BODY)(cast));
  for (let i = between(3, 5); i > 0; i -= 1) sentences.push([pick(DECOYS)]);
  sentences.sort(() => rnd() - 0.5);
  for (const sentence of sentences) parts.push(...sentence, ' ');
  parts.push('\n', ...pick(SIGNATURES)(cast));
  return { id: `note-${String(index + 1).padStart(3, '0')}`, ...render(parts) };
}

/** `[[KIND:text]]` marks in a hand-written note become gold spans. */
function parseMarked(marked: string, index: number): CorpusNote {
  const parts: Part[] = [];
  let cursor = 0;
  for (const match of marked.matchAll(/\[\[([A-Z_]+):([^\]]+)\]\]/g)) {
    const kind = IdentifierKind[match[1] as keyof typeof IdentifierKind];
    if (!kind) throw new Error(`Unknown kind ${match[1]} in hand-written note ${index + 1}`);
    parts.push(marked.slice(cursor, match.index), id(kind, match[2] ?? ''));
    cursor = (match.index ?? 0) + match[0].length;
  }
  parts.push(marked.slice(cursor));
  return { id: `handwritten-${String(index + 1).padStart(2, '0')}`, ...render(parts) };
}

const corpus = resolve(__dirname, '../../../corpus');
const write = (name: string, notes: CorpusNote[]): void => {
  writeFileSync(resolve(corpus, name), `${JSON.stringify(notes, null, 1)}\n`);
  const identifiers = notes.reduce((n, x) => n + x.spans.length, 0);
  process.stdout.write(`Wrote ${notes.length} notes, ${identifiers} identifiers, to corpus/${name}\n`);
};
write(
  'notes.json',
  Array.from({ length: NOTE_COUNT }, (_, index) => note(index)),
);
const handwritten = readFileSync(resolve(corpus, 'handwritten.txt'), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .join('\n')
  .split(/^---$/m)
  .map((block) => block.trim())
  .filter(Boolean);
write('handwritten.json', handwritten.map(parseMarked));
