import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_REPORTS } from '../../bench/lab-report-truth';
import { readPdfPages } from '../pipeline/pdf-pages';
import type { PageLayout, PageWord } from '../pipeline/page-layout';
import { extractLabRows } from './lab-table-rules';

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

describe('lab table rules', () => {
  it('reads every row of each typeset report from its PDF text layer, with the collection date', async () => {
    for (const report of LAB_REPORTS) {
      const [first] = await readPdfPages(readFileSync(join(FIXTURES, `${report.id}.pdf`)), LIMITS);
      expect(first?.kind).toBe('text');
      if (first?.kind !== 'text') continue;
      const rows = extractLabRows(first.layout);
      expect(
        rows.map((row) => [row.name, row.valueText, row.unit, row.referenceText, row.flag ?? '']),
      ).toEqual(report.rows.map((row) => [row.name, row.value, row.unit, row.range, row.flag]));
      expect(rows[0]?.effectiveAt?.toISOString().slice(0, 10)).toBe(report.collected);
    }
    // Parses three real PDFs with pdf.js: seconds on a loaded machine.
  }, 30_000);

  it('cuts cells at the header columns and splits what OCR glued together', () => {
    const rows = extractLabRows(
      page([
        [
          ['Collected:', 0],
          ['11/20/2026', 70],
        ],
        [
          ['Test', 0],
          ['Result', 150],
          ['Unit', 220],
          ['Reference', 300],
          ['Flag', 400],
        ],
        [
          ['Vitamin', 0],
          ['B12', 48],
          ['412', 150],
          ['pg/mL', 220],
          ['200-900', 300],
        ],
        [
          ['Sodium', 0],
          ['148', 150],
          ['mmol/L136-145', 220],
          ['H', 400],
        ],
        [
          ['Glucose', 0],
          ['<5.5', 150],
          ['mmol/L', 220],
          ['<', 300],
          ['6.1', 310],
        ],
        [
          ['Page', 0],
          ['1', 40],
          ['of', 60],
          ['1', 80],
        ],
      ]),
    );
    expect(
      rows.map(({ name, value, unit, referenceLow, referenceHigh, flag }) => ({
        name,
        value,
        unit,
        referenceLow,
        referenceHigh,
        flag,
      })),
    ).toEqual([
      { name: 'Vitamin B12', value: 412, unit: 'pg/mL', referenceLow: 200, referenceHigh: 900, flag: null },
      { name: 'Sodium', value: 148, unit: 'mmol/L', referenceLow: 136, referenceHigh: 145, flag: 'H' },
      { name: 'Glucose', value: 5.5, unit: 'mmol/L', referenceLow: null, referenceHigh: 6.1, flag: null },
    ]);
    expect(rows[0]?.effectiveAt?.toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });

  it('reads a row outside any table by its pattern and ignores prose', () => {
    const rows = extractLabRows(
      page([
        [
          ['Please', 0],
          ['fast', 50],
          ['for', 90],
          ['12', 120],
          ['hours', 140],
        ],
        [
          ['HbA1c', 0],
          ['6.1', 80],
          ['%', 120],
          ['4.0-5.6', 160],
          ['H', 240],
        ],
      ]),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'HbA1c',
      value: 6.1,
      unit: '%',
      referenceLow: 4,
      referenceHigh: 5.6,
      flag: 'H',
    });
  });
});

describe('unit spelling after OCR', () => {
  it('reads l/I/i/1 confusions as the printed unit and leaves unknown units alone', () => {
    const rows = extractLabRows(
      page([
        [
          ['Test', 0],
          ['Result', 150],
          ['Unit', 220],
          ['Reference', 300],
        ],
        [
          ['TSH', 0],
          ['2.31', 150],
          ['mlU/L', 220],
          ['0.40-4.50', 300],
        ],
        [
          ['Potassium', 0],
          ['4.1', 150],
          ['mmo1/L', 220],
          ['3.5-5.1', 300],
        ],
        [
          ['Widgets', 0],
          ['3', 150],
          ['wdg/L', 220],
          ['1-5', 300],
        ],
      ]),
    );
    expect(rows.map((row) => row.unit)).toEqual(['mIU/L', 'mmol/L', 'wdg/L']);
  });
});
