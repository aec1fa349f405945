import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractClinicalLists } from '../src/extraction/clinical-list-rules';
import { extractLabRows, type LabRow } from '../src/extraction/lab-table-rules';
import { readDocumentPages, type ReadPage } from '../src/pipeline/document-reading';
import { OcrEngine } from '../src/pipeline/ocr-engine';
import { layoutLines } from '../src/pipeline/page-layout';
import { CLINICAL_SUMMARIES } from './clinical-list-truth';
import { LAB_REPORTS, type LabReport, reportText } from './lab-report-truth';

/**
 * `npm run bench:ocr`: reads every fixture variant of every report through the worker's own code path and prints
 * pages/s, character accuracy (1 − edit distance / truth length, whitespace collapsed) and the share of lab rows
 * whose name, value, unit, range and flag are all right; on the discharge summaries, the share of diagnoses whose name,
 * ICD-10 code and status are right and of medications whose name, dose, route and frequency are right. The text-layer
 * PDF is the baseline of the same run.
 */
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const VARIANTS = [
  { name: 'pdf text layer (baseline)', file: (id: string) => `${id}.pdf` },
  { name: 'image-only pdf (OCR)', file: (id: string) => `${id}-image-only.pdf` },
  { name: 'png screenshot (OCR)', file: (id: string) => `${id}.png` },
  { name: 'rotated noisy scan png (OCR)', file: (id: string) => `${id}-scan.png` },
];

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] as number;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function rowRight(row: LabRow | undefined, truth: LabReport['rows'][number]): boolean {
  return (
    row !== undefined &&
    row.name === truth.name &&
    row.valueText === truth.value &&
    row.unit === truth.unit &&
    row.referenceText === truth.range &&
    (row.flag ?? '') === truth.flag
  );
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const ocr = new OcrEngine();
  await ocr.recognize(readFileSync(join(FIXTURES, `${LAB_REPORTS[0]?.id}.png`)));
  const results: {
    name: string;
    pagesPerSecond: number;
    accuracy: number;
    rowsRight: number;
    rows: number;
    conditionsRight: number;
    conditions: number;
    medicationsRight: number;
    medications: number;
    failures: string[];
  }[] = [];
  for (const variant of VARIANTS) {
    let pages = 0;
    let elapsed = 0;
    let distance = 0;
    let truthLength = 0;
    let right = 0;
    let total = 0;
    const failures: string[] = [];
    for (const report of LAB_REPORTS) {
      const bytes = readFileSync(join(FIXTURES, variant.file(report.id)));
      const started = process.hrtime.bigint();
      const read: ReadPage[] = await readDocumentPages(
        bytes,
        ocr,
        { maxPages: 10, maxImagePixels: 40_000_000 },
        async () => undefined,
      );
      const rows = read.flatMap((page) => extractLabRows(page.layout));
      elapsed += Number(process.hrtime.bigint() - started) / 1e9;
      pages += read.length;
      const text = collapse(
        read.flatMap((page) => layoutLines(page.layout).map((line) => line.text)).join(' '),
      );
      const truth = collapse(reportText(report));
      distance += editDistance(text, truth);
      truthLength += truth.length;
      for (const truthRow of report.rows) {
        total += 1;
        const row = rows.find((candidate) => candidate.name.toLowerCase() === truthRow.name.toLowerCase());
        if (rowRight(row, truthRow)) right += 1;
        else
          failures.push(
            `${report.id}: ${truthRow.name} ${truthRow.value} ${truthRow.unit} ${truthRow.range} ${truthRow.flag} ← ${row ? `${row.name} ${row.valueText} ${row.unit} ${row.referenceText} ${row.flag ?? ''}` : 'not found'}`,
          );
      }
    }
    let conditionsRight = 0;
    let conditions = 0;
    let medicationsRight = 0;
    let medications = 0;
    for (const summary of CLINICAL_SUMMARIES) {
      const bytes = readFileSync(join(FIXTURES, variant.file(summary.id)));
      const started = process.hrtime.bigint();
      const read = await readDocumentPages(
        bytes,
        ocr,
        { maxPages: 10, maxImagePixels: 40_000_000 },
        async () => undefined,
      );
      const lists = read.map((page) => extractClinicalLists(page.layout));
      elapsed += Number(process.hrtime.bigint() - started) / 1e9;
      pages += read.length;
      const foundConditions = lists.flatMap((list) => list.conditions);
      const foundMedications = lists.flatMap((list) => list.medications);
      for (const truth of summary.conditions) {
        conditions += 1;
        const row = foundConditions.find((candidate) => candidate.icd10Code === truth.icd10Code);
        const right =
          row !== undefined && row.name === truth.name && (row.clinicalStatus ?? 'active') === truth.status;
        if (right) conditionsRight += 1;
        else
          failures.push(
            `${summary.id}: ${truth.name} ${truth.icd10Code} ${truth.status} ← ${row ? `${row.name} ${row.icd10Code} ${row.clinicalStatus ?? ''}` : 'not found'}`,
          );
      }
      for (const truth of summary.medications) {
        medications += 1;
        const row = foundMedications.find(
          (candidate) => candidate.name.toLowerCase() === truth.name.toLowerCase(),
        );
        const right =
          row !== undefined &&
          row.name === truth.name &&
          row.dose === truth.dose &&
          row.route === truth.route &&
          row.frequency === truth.frequency;
        if (right) medicationsRight += 1;
        else
          failures.push(
            `${summary.id}: ${truth.name} ${truth.dose} ${truth.route} ${truth.frequency} ← ${row ? `${row.name} ${row.dose ?? ''} ${row.route ?? ''} ${row.frequency ?? ''}` : 'not found'}`,
          );
      }
    }
    results.push({
      name: variant.name,
      conditionsRight,
      conditions,
      medicationsRight,
      medications,
      pagesPerSecond: pages / elapsed,
      accuracy: 1 - distance / truthLength,
      rowsRight: right,
      rows: total,
      failures,
    });
  }
  await ocr.stop();
  const baseline = results[0] as (typeof results)[number];
  print(
    `documents OCR bench: ${LAB_REPORTS.length} lab reports + ${CLINICAL_SUMMARIES.length} discharge summaries × ${VARIANTS.length} variants (fixtures in subgraphs/documents/fixtures)`,
  );
  for (const result of results) {
    print(
      [
        result.name.padEnd(30),
        `${result.pagesPerSecond.toFixed(2)} pages/s (${(result.pagesPerSecond / baseline.pagesPerSecond).toFixed(3)}× baseline)`,
        `chars ${(result.accuracy * 100).toFixed(1)}%`,
        `rows right ${result.rowsRight}/${result.rows} = ${((100 * result.rowsRight) / result.rows).toFixed(1)}% (${(result.rowsRight / result.rows / (baseline.rowsRight / baseline.rows)).toFixed(3)}× baseline)`,
        `diagnoses right ${result.conditionsRight}/${result.conditions}`,
        `medications right ${result.medicationsRight}/${result.medications}`,
      ].join(' | '),
    );
    for (const failure of result.failures) print(`    wrong: ${failure}`);
  }
}

void main();
