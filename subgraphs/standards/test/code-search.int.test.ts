import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchKind, searchCodes } from '../src/search/code-search';
import { StandardsError, StandardsErrorCode } from '../src/standards-error';
import { DatabaseLabConcepts } from '../src/standardization/database-lab-concepts';
import { CodeSystem } from '../src/vocabulary/code-system';
import { upsertConcepts } from '../src/vocabulary/concept-writer';
import { starterVocabulary } from '../src/vocabulary/starter-vocabulary';
import { seedStarterVocabulary } from '../src/vocabulary/vocabulary-seed';
import { createStandardsTestDatabase, type StandardsTestDatabase } from './standards-database';

let db: StandardsTestDatabase;

beforeAll(async () => {
  db = await createStandardsTestDatabase('search');
  await seedStarterVocabulary(db.dataSource);
});

afterAll(async () => {
  await db.drop();
});

async function rejection(action: Promise<unknown>): Promise<StandardsErrorCode | null> {
  try {
    await action;
    return null;
  } catch (error) {
    if (error instanceof StandardsError) return error.code;
    throw error;
  }
}

describe('seedStarterVocabulary', () => {
  it('is idempotent and keeps what a release import wrote', async () => {
    await upsertConcepts(
      db.dataSource.manager,
      [
        {
          system: CodeSystem.LOINC,
          code: '2339-0',
          display: 'Glucose [Mass/volume] in Blood',
          synonyms: ['Glucose Bld-mCnc'],
          properties: { class: 'CHEM' },
          status: 'active',
        },
      ],
      'replace',
    );
    await seedStarterVocabulary(db.dataSource);
    const [count] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM code_concept`)) as {
      n: number;
    }[];
    expect(count?.n).toBe(starterVocabulary().length);
    const [glucose] = (await db.dataSource.query(
      `SELECT display, synonyms, properties->>'exampleUcumUnit' AS unit FROM code_concept WHERE system = 'LOINC' AND code = '2339-0'`,
    )) as { display: string; synonyms: string[]; unit: string }[];
    expect(glucose?.display).toBe('Glucose [Mass/volume] in Blood');
    expect(glucose?.synonyms).toEqual(expect.arrayContaining(['Glucose', 'Glucose Bld-mCnc', 'blood sugar']));
    expect(glucose?.unit).toBe('mg/dL');
  });
});

describe('searchCodes', () => {
  it('ranks an exact code first, then code prefixes', async () => {
    const exact = await searchCodes(db.dataSource, CodeSystem.ICD_10_CM, 'e11.9', 5);
    expect(exact[0]).toMatchObject({ code: 'E11.9', kind: MatchKind.EXACT_CODE });
    const prefix = await searchCodes(db.dataSource, CodeSystem.ICD_10_CM, 'E11', 10);
    expect(prefix.map((row) => row.code)).toEqual(expect.arrayContaining(['E11.9', 'E11.65', 'E11.21']));
    expect(prefix.every((row) => row.kind === MatchKind.CODE_PREFIX)).toBe(true);
  });

  it('finds by words and word prefixes across systems', async () => {
    const results = await searchCodes(db.dataSource, null, 'hemoglobin a1c', 5);
    expect(results[0]).toMatchObject({ system: CodeSystem.LOINC, code: '4548-4', kind: MatchKind.FULL_TEXT });
    const partial = await searchCodes(db.dataSource, CodeSystem.ICD_10_CM, 'diabet nephro', 5);
    expect(partial[0]?.code).toBe('E11.21');
  });

  it('tolerates typos through trigram similarity', async () => {
    const results = await searchCodes(db.dataSource, CodeSystem.LOINC, 'hemoglobn', 5);
    expect(results.map((row) => row.code)).toContain('718-7');
    expect(results.find((row) => row.code === '718-7')?.kind).toBe(MatchKind.SIMILAR_TEXT);
    const icd = await searchCodes(db.dataSource, CodeSystem.ICD_10_CM, 'hypertenshun', 3);
    expect(icd[0]?.code).toBe('I10');
  });

  it('keeps a correctly typed word prefix next to a misspelt word in the typo pass', async () => {
    // "diabet" prefixes known words, so it stays a prefix; "nefropathy" prefixes none and is replaced by similar words.
    const results = await searchCodes(db.dataSource, CodeSystem.ICD_10_CM, 'diabet nefropathy', 3);
    expect(results[0]).toMatchObject({ code: 'E11.21', kind: MatchKind.SIMILAR_TEXT });
    // A two-letter word is never in the word list, so it keeps its prefix operand too.
    const short = await searchCodes(db.dataSource, CodeSystem.ICD_10_CM, 'ty diabetis', 3);
    expect(short.map((row) => row.code)).toContain('E11.9');
  });

  it('treats LIKE and tsquery syntax in the text as plain text', async () => {
    expect(await searchCodes(db.dataSource, null, '%', 5)).toEqual([]);
    expect(await searchCodes(db.dataSource, null, "'); DROP TABLE code_concept; --", 5)).toEqual([]);
    const [count] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM code_concept`)) as {
      n: number;
    }[];
    expect(count?.n).toBe(starterVocabulary().length);
  });

  it.each([
    ['empty text', ''],
    ['blank text', '   '],
    ['a 10 KB string', 'x'.repeat(10 * 1024)],
    ['a control character', 'glucose\u0000'],
  ])('refuses %s with BAD_USER_INPUT', async (_label, text) => {
    expect(await rejection(searchCodes(db.dataSource, null, text, 5))).toBe(
      StandardsErrorCode.BAD_USER_INPUT,
    );
  });

  it('refuses a page size outside 1..100', async () => {
    expect(await rejection(searchCodes(db.dataSource, null, 'glucose', 0))).toBe(
      StandardsErrorCode.BAD_USER_INPUT,
    );
    expect(await rejection(searchCodes(db.dataSource, null, 'glucose', 101))).toBe(
      StandardsErrorCode.BAD_USER_INPUT,
    );
  });
});

describe('DatabaseLabConcepts', () => {
  it('resolves LOINC codes and names from the table', async () => {
    const concepts = new DatabaseLabConcepts(db.dataSource);
    const byCode = await concepts.byCodes(['718-7', '0000-0']);
    expect([...byCode.keys()]).toEqual(['718-7']);
    const byName = await concepts.byNames(['total cholesterol']);
    expect(byName.get('total cholesterol')?.[0]?.concept.code).toBe('2093-3');
  });

  it('drops search candidates whose distinguishing words or specimen contradict the name', async () => {
    const concepts = new DatabaseLabConcepts(db.dataSource);
    const byName = await concepts.byNames(['bilirubin indirect', 'bilirubin direct', 'urine creatinine']);
    const codes = (name: string): string[] => (byName.get(name) ?? []).map((match) => match.concept.code);
    // Total and direct bilirubin are found by the words, but neither is indirect bilirubin.
    expect(codes('bilirubin indirect')).toEqual([]);
    expect(codes('bilirubin direct')).not.toContain('1975-2');
    // Serum and blood creatinine are no answer for a urine result.
    expect(codes('urine creatinine')).not.toContain('2160-0');
    expect(codes('urine creatinine')).not.toContain('38483-4');
  });
});
