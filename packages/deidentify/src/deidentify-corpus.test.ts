import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify';
import type { IdentifierSpan } from './identifier-kind';
import { scoreSpans } from './span-scoring';

interface CorpusNote {
  id: string;
  text: string;
  spans: IdentifierSpan[];
}

const load = (file: string): CorpusNote[] =>
  JSON.parse(readFileSync(resolve(__dirname, '../corpus', file), 'utf8')) as CorpusNote[];

describe('de-identification on the labelled corpus', () => {
  const notes = [...load('notes.json'), ...load('handwritten.json')];
  const score = scoreSpans(
    notes.map((note) => ({ text: note.text, gold: note.spans, predicted: deidentify(note.text).spans })),
  );

  it('has at least 100 notes covering every identifier kind', () => {
    expect(notes.length).toBeGreaterThanOrEqual(100);
    expect(score.byKind.map((k) => k.kind).sort()).toEqual([
      'ACCOUNT',
      'ADDRESS',
      'AGE',
      'DATE',
      'DEVICE',
      'EMAIL',
      'FAX',
      'HEALTH_PLAN',
      'IP',
      'LICENSE',
      'MRN',
      'NAME',
      'PHONE',
      'SSN',
      'URL',
      'VEHICLE',
      'ZIP',
    ]);
  });

  it('reaches recall >= 0.98 and precision >= 0.90 overall', () => {
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.98);
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('reaches recall >= 0.95 for every kind', () => {
    for (const kind of score.byKind)
      expect({ kind: kind.kind, recall: kind.recall >= 0.95 }).toEqual({ kind: kind.kind, recall: true });
  });
});
