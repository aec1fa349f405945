import { IDENTIFIER_KINDS, type IdentifierKind, type IdentifierSpan } from './identifier-kind';

export interface KindScore {
  kind: IdentifierKind;
  /** Gold spans of this kind, and how many were fully covered by predictions. */
  gold: number;
  found: number;
  /** Predicted spans of this kind, and how many overlap a gold span. */
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface SpanScore {
  overall: Omit<KindScore, 'kind'>;
  byKind: KindScore[];
}

interface Document {
  text: string;
  gold: readonly IdentifierSpan[];
  predicted: readonly IdentifierSpan[];
}

/**
 * Recall counts a gold identifier as found only when predictions (of any kind) cover every letter and
 * digit of it: a half-redacted name still leaks. Precision counts a prediction as correct when it overlaps
 * a gold identifier. Both are reported per kind and overall.
 */
export function scoreSpans(documents: readonly Document[]): SpanScore {
  const tally = new Map<IdentifierKind, Counts>();
  const entry = (kind: IdentifierKind) => {
    let value = tally.get(kind);
    if (!value) {
      value = { gold: 0, found: 0, predicted: 0, correct: 0 };
      tally.set(kind, value);
    }
    return value;
  };
  for (const { text, gold, predicted } of documents) {
    for (const span of gold) {
      const tallied = entry(span.kind);
      tallied.gold += 1;
      if (fullyCovered(text, span, predicted)) tallied.found += 1;
    }
    for (const span of predicted) {
      const tallied = entry(span.kind);
      tallied.predicted += 1;
      if (gold.some((g) => g.start < span.end && span.start < g.end)) tallied.correct += 1;
    }
  }
  const byKind = IDENTIFIER_KINDS.filter((kind) => tally.has(kind)).map((kind) =>
    withRates(kind, entry(kind)),
  );
  const sum = (key: 'gold' | 'found' | 'predicted' | 'correct'): number =>
    byKind.reduce((total, score) => total + score[key], 0);
  const overall = {
    gold: sum('gold'),
    found: sum('found'),
    predicted: sum('predicted'),
    correct: sum('correct'),
  };
  return { overall: { ...overall, ...rates(overall) }, byKind };
}

type Counts = Omit<KindScore, 'kind' | 'recall' | 'precision'>;

function rates(counts: Counts): { recall: number; precision: number } {
  return {
    recall: counts.gold === 0 ? 1 : counts.found / counts.gold,
    precision: counts.predicted === 0 ? 1 : counts.correct / counts.predicted,
  };
}

function withRates(kind: IdentifierKind, counts: Counts): KindScore {
  return { kind, ...counts, ...rates(counts) };
}

function fullyCovered(text: string, span: IdentifierSpan, predicted: readonly IdentifierSpan[]): boolean {
  for (let i = span.start; i < span.end; i += 1) {
    if (!/[\p{L}\p{N}]/u.test(text[i] ?? '')) continue;
    if (!predicted.some((p) => p.start <= i && i < p.end)) return false;
  }
  return true;
}
