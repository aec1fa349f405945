import { describe, expect, it } from 'vitest';
import { ExtractionMethod } from '../entities/extraction-method';
import { ExtractionKind } from '../entities/extraction.entity';
import { mergedRows, type ProposedRow } from './proposed-row';

const row = (kind: ExtractionKind, display: string, method: ExtractionMethod, pageNumber = 1): ProposedRow =>
  ({ kind, display, method, pageNumber, valueText: method }) as ProposedRow;

describe('mergedRows', () => {
  it('keeps the rules’ row where the model read the same result, and adds what only the model read', () => {
    const rules = [
      row(ExtractionKind.LAB_RESULT, 'Glucose', ExtractionMethod.RULES),
      row(ExtractionKind.CONDITION, 'Gout', ExtractionMethod.RULES),
    ];
    const model = [
      row(ExtractionKind.LAB_RESULT, ' glucose ', ExtractionMethod.MODEL),
      row(ExtractionKind.LAB_RESULT, 'Glucose', ExtractionMethod.MODEL, 2),
      row(ExtractionKind.MEDICATION, 'Gout', ExtractionMethod.MODEL),
      row(ExtractionKind.MEDICATION, 'Allopurinol', ExtractionMethod.MODEL),
      row(ExtractionKind.MEDICATION, 'allopurinol', ExtractionMethod.MODEL),
    ];
    expect(mergedRows(rules, model).map((r) => [r.kind, r.display, r.method, r.pageNumber])).toEqual([
      ['LAB_RESULT', 'Glucose', 'RULES', 1],
      ['CONDITION', 'Gout', 'RULES', 1],
      ['LAB_RESULT', 'Glucose', 'MODEL', 2],
      ['MEDICATION', 'Gout', 'MODEL', 1],
      ['MEDICATION', 'Allopurinol', 'MODEL', 1],
    ]);
  });
});
