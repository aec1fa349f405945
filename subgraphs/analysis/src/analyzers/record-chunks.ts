import { estimateTokens } from '@holovitals/model-client';
import type { PromptRow } from './model-prompt';

/** One model call's share of the record: the demographics plus whole sections (or runs of dated rows) that fit. */
export interface RecordChunk {
  rows: PromptRow[];
  /** The record kinds (sections) this chunk holds rows of, in order. */
  kinds: string[];
}

export interface ChunkedRecord {
  chunks: RecordChunk[];
  /** Rows too long for a chunk on their own, cut to fit: id and how many characters were left out. */
  truncated: Array<{ id: string; omittedCharacters: number }>;
}

const TRUNCATION_MARK = ' [… truncated]';

/**
 * Rows are measured before de-identification, and surrogates are longer than what they replace
 * ("2020-06-29" → "[DATE-2 2020]"): a tenth of the budget is left for that growth.
 */
const SURROGATE_MARGIN = 0.9;

/**
 * Splits the prompt rows so each call's data stays within `budgetTokens` (the model's context minus instruction,
 * task and answer). Rows arrive grouped by kind and newest first within a kind (model-prompt's order), so a chunk
 * closes at a section boundary when the next section does not fit, and a section larger than a chunk is cut
 * between dates, never inside a row. The demographics row (age, sex) goes into every chunk: it decides what is
 * due. A single row larger than the budget is truncated, and the result says so.
 */
export function chunkRecordRows(rows: readonly PromptRow[], budgetTokens: number): ChunkedRecord {
  const shared = rows.filter((row) => row.kind === 'PATIENT');
  const rest = rows.filter((row) => row.kind !== 'PATIENT');
  const sharedTokens = shared.reduce((sum, row) => sum + rowTokens(row), 0);
  const room = Math.max(1, Math.floor(budgetTokens * SURROGATE_MARGIN) - sharedTokens);
  const truncated: ChunkedRecord['truncated'] = [];
  const chunks: RecordChunk[] = [];
  let current: PromptRow[] = [];
  let used = 0;

  const close = (): void => {
    if (current.length === 0) return;
    chunks.push({ rows: [...shared, ...current], kinds: [...new Set(current.map((row) => row.kind))] });
    current = [];
    used = 0;
  };

  for (const section of sections(rest)) {
    const sectionTokens = section.reduce((sum, row) => sum + rowTokens(row), 0);
    // Keep a section whole when it fits in a fresh chunk but not in this one.
    if (used > 0 && used + sectionTokens > room && sectionTokens <= room) close();
    for (const original of section) {
      let row = original;
      if (rowTokens(row) > room) {
        row = truncateRow(row, room);
        truncated.push({
          id: row.id,
          omittedCharacters: original.text.length - row.text.length + TRUNCATION_MARK.length,
        });
      }
      if (used + rowTokens(row) > room) close();
      current.push(row);
      used += rowTokens(row);
    }
  }
  close();
  if (chunks.length === 0) chunks.push({ rows: [...shared], kinds: [] });
  return { chunks, truncated };
}

/** Rows per id and text, plus the markup sanitizePrompt wraps each in (`<record id="…">…</record>`). */
function rowTokens(row: PromptRow): number {
  return estimateTokens(row.text) + estimateTokens(row.id) + 8;
}

function truncateRow(row: PromptRow, room: number): PromptRow {
  const keep = Math.max(0, (room - estimateTokens(row.id) - 8) * 4 - TRUNCATION_MARK.length);
  return { ...row, text: `${row.text.slice(0, keep)}${TRUNCATION_MARK}` };
}

function sections(rows: readonly PromptRow[]): PromptRow[][] {
  const grouped: PromptRow[][] = [];
  for (const row of rows) {
    const last = grouped[grouped.length - 1];
    if (last && last[0]?.kind === row.kind) last.push(row);
    else grouped.push([row]);
  }
  return grouped;
}
