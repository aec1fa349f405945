import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLINICAL_SUMMARIES } from '../../bench/clinical-list-truth';
import { readPdfPages } from '../pipeline/pdf-pages';
import type { PageLayout, PageWord } from '../pipeline/page-layout';
import { extractClinicalLists } from './clinical-list-rules';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const LIMITS = { maxPages: 10, maxImagePixels: 40_000_000 };

/** A page of words at given x positions, one line per row, 20 units apart. */
function page(lines: Array<Array<[string, number]>>): PageLayout {
  const words: PageWord[] = lines.flatMap((line, row) =>
    line.map(([text, x]) => ({
      text,
      confidence: 0.9,
      box: { x, y: 20 * row, width: text.length * 6, height: 12 },
    })),
  );
  return { pageNumber: 1, width: 600, height: 800, words };
}

describe('clinical list rules', () => {
  it('reads every diagnosis and medication of each typeset summary from its PDF text layer', async () => {
    for (const summary of CLINICAL_SUMMARIES) {
      const [first] = await readPdfPages(readFileSync(join(FIXTURES, `${summary.id}.pdf`)), LIMITS);
      if (first?.kind !== 'text') throw new Error(`${summary.id} has no text layer`);
      const { conditions, medications } = extractClinicalLists(first.layout);
      expect(conditions.map((row) => [row.name, row.icd10Code, row.clinicalStatus ?? 'active'])).toEqual(
        summary.conditions.map((row) => [row.name, row.icd10Code, row.status]),
      );
      expect(medications.map((row) => [row.name, row.dose, row.route, row.frequency])).toEqual(
        summary.medications.map((row) => [row.name, row.dose, row.route, row.frequency]),
      );
    }
  }, 30_000);

  it('reads list items without a table and stops the section at the next heading', () => {
    const { conditions, medications } = extractClinicalLists(
      page([
        [
          ['Problem', 10],
          ['list:', 60],
        ],
        [
          ['•', 10],
          ['Chronic', 20],
          ['kidney', 70],
          ['disease', 120],
          ['(N18.3)', 180],
          ['since', 240],
          ['2019', 280],
        ],
        [
          ['2.', 10],
          ['Gout', 30],
          ['-', 70],
          ['resolved', 80],
        ],
        [
          ['Current', 10],
          ['medications', 70],
        ],
        [
          ['-', 10],
          ['Allopurinol', 20],
          ['100', 110],
          ['mg', 140],
          ['by', 165],
          ['mouth', 185],
          ['daily', 230],
        ],
        [
          ['Furosemide', 10],
          ['40', 90],
          ['mg', 110],
        ],
        [['Plan:', 10]],
        [
          ['Walk', 10],
          ['30', 60],
          ['minutes', 80],
          ['daily', 140],
        ],
      ]),
    );
    expect(conditions).toMatchObject([
      { name: 'Chronic kidney disease', icd10Code: 'N18.3', clinicalStatus: null, onsetText: '2019' },
      { name: 'Gout', icd10Code: null, clinicalStatus: 'resolved' },
    ]);
    expect(medications).toMatchObject([
      { name: 'Allopurinol', dose: '100 mg', route: 'by mouth', frequency: 'daily' },
      { name: 'Furosemide', dose: '40 mg', route: null, frequency: null },
    ]);
    expect(medications[1]?.confidence).toBeLessThan(medications[0]?.confidence as number);
  });

  it('finds nothing on a lab report or in prose outside a list', () => {
    const { conditions, medications } = extractClinicalLists(
      page([
        [
          ['Take', 10],
          ['500', 50],
          ['mg', 80],
          ['with', 100],
          ['food', 130],
        ],
        [
          ['Glucose', 10],
          ['98', 100],
          ['mg/dL', 150],
          ['70-99', 220],
        ],
      ]),
    );
    expect(conditions).toEqual([]);
    expect(medications).toEqual([]);
  });
});
