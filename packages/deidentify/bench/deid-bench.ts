import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deidentify, type IdentifierSpan, scoreSpans, type SpanScore } from '../src';

/**
 * `npm run bench:deid`: recall and precision of deidentify per kind and overall, on the generated notes
 * and, separately, on the hand-written ones (phrasing the detector was not tuned on). `--misses` lists
 * every missed identifier and every false positive.
 */
interface CorpusNote {
  id: string;
  text: string;
  spans: IdentifierSpan[];
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const row = (cells: (string | number)[]): string =>
  cells.map((cell, i) => (i === 0 ? String(cell).padEnd(12) : String(cell).padStart(9))).join(' ');

function report(name: string, notes: CorpusNote[]): void {
  const started = performance.now();
  const documents = notes.map((note) => ({
    text: note.text,
    gold: note.spans,
    predicted: deidentify(note.text).spans,
  }));
  const msPerNote = (performance.now() - started) / notes.length;
  const score: SpanScore = scoreSpans(documents);
  const lines = [
    `\n${name}: ${notes.length} notes, ${score.overall.gold} identifiers, ${msPerNote.toFixed(1)} ms/note`,
    row(['kind', 'gold', 'found', 'recall', 'predicted', 'correct', 'precision']),
    ...score.byKind.map((k) =>
      row([k.kind, k.gold, k.found, pct(k.recall), k.predicted, k.correct, pct(k.precision)]),
    ),
    row([
      'overall',
      score.overall.gold,
      score.overall.found,
      pct(score.overall.recall),
      score.overall.predicted,
      score.overall.correct,
      pct(score.overall.precision),
    ]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!process.argv.includes('--misses')) return;
  for (const [index, note] of notes.entries()) {
    const predicted = documents[index]?.predicted ?? [];
    for (const gold of note.spans) {
      if (!predicted.some((p) => p.start <= gold.start && p.end >= gold.end))
        process.stdout.write(
          `MISS  ${note.id} ${gold.kind} ${JSON.stringify(note.text.slice(gold.start, gold.end))}\n`,
        );
    }
    for (const p of predicted) {
      if (!note.spans.some((g) => g.start < p.end && p.start < g.end))
        process.stdout.write(
          `FALSE ${note.id} ${p.kind} ${JSON.stringify(note.text.slice(p.start, p.end))}\n`,
        );
    }
  }
}

const load = (file: string): CorpusNote[] =>
  JSON.parse(readFileSync(resolve(__dirname, '../../../corpus', file), 'utf8')) as CorpusNote[];
const generated = load('notes.json');
const handwritten = load('handwritten.json');
report('Generated notes', generated);
report('Hand-written notes', handwritten);
report('All notes', [...generated, ...handwritten]);
