import { describe, expect, it } from 'vitest';
import type { PromptRow } from './model-prompt';
import { chunkRecordRows } from './record-chunks';

const row = (id: string, kind: PromptRow['kind'], length = 80): PromptRow => ({
  id,
  kind,
  text: `${kind} ${id} `.padEnd(length, 'x'),
});

const tokens = (rows: PromptRow[]): number =>
  rows.reduce((sum, item) => sum + Math.ceil(item.text.length / 4) + Math.ceil(item.id.length / 4) + 8, 0);

describe('chunkRecordRows', () => {
  const demographics = row('patient-1', 'PATIENT', 40);

  it('keeps a record that fits in one chunk', () => {
    const rows = [demographics, row('c1', 'CONDITION'), row('o1', 'OBSERVATION')];
    expect(chunkRecordRows(rows, 1_000)).toEqual({
      chunks: [{ rows, kinds: ['CONDITION', 'OBSERVATION'] }],
      truncated: [],
    });
  });

  it('splits by section, then by date within a section, within the budget, demographics in every chunk', () => {
    const conditions = Array.from({ length: 3 }, (_, i) => row(`c${i}`, 'CONDITION'));
    const medications = Array.from({ length: 3 }, (_, i) => row(`m${i}`, 'MEDICATION'));
    const observations = Array.from({ length: 12 }, (_, i) => row(`o${i}`, 'OBSERVATION'));
    const budget = 150;
    const { chunks, truncated } = chunkRecordRows(
      [demographics, ...conditions, ...medications, ...observations],
      budget,
    );
    expect(truncated).toEqual([]);
    expect(chunks.length).toBeGreaterThan(2);
    // Medications fit a chunk of their own, so they are not split across two; observations are too many for one.
    expect(chunks[0]?.kinds).toEqual(['CONDITION']);
    expect(chunks[1]?.kinds[0]).toBe('MEDICATION');
    expect(chunks.at(-1)?.kinds).toEqual(['OBSERVATION']);
    for (const chunk of chunks) {
      expect(chunk.rows[0]).toEqual(demographics);
      expect(tokens(chunk.rows)).toBeLessThanOrEqual(budget);
    }
    // Every row sent exactly once, in order (newest first within a section is kept).
    expect(chunks.flatMap((chunk) => chunk.rows.slice(1).map((item) => item.id))).toEqual([
      ...conditions.map((item) => item.id),
      ...medications.map((item) => item.id),
      ...observations.map((item) => item.id),
    ]);
  });

  it('truncates a single row larger than a chunk and reports it', () => {
    const huge = row('o-huge', 'OBSERVATION', 4_000);
    const { chunks, truncated } = chunkRecordRows([demographics, row('c1', 'CONDITION'), huge], 200);
    const sent = chunks.flatMap((chunk) => chunk.rows).find((item) => item.id === 'o-huge');
    expect(sent?.text.endsWith('[… truncated]')).toBe(true);
    expect(truncated).toHaveLength(1);
    expect(truncated[0]?.id).toBe('o-huge');
    expect(truncated[0]?.omittedCharacters).toBe(4_000 - (sent?.text.length ?? 0) + ' [… truncated]'.length);
    for (const chunk of chunks) expect(tokens(chunk.rows)).toBeLessThanOrEqual(200);
  });
});
