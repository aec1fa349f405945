import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error';
import { DEIDENTIFY_MAX_CHARACTERS, deidentifyText } from './deidentify-text';

describe('deidentifyText', () => {
  it('replaces identifiers and reports spans in the input offsets', () => {
    const input = 'Seen by Dr. Margaret Whitfield on 03/14/2024, phone 555-201-3344.';
    const result = deidentifyText(input);
    expect(result.text).not.toContain('Whitfield');
    expect(result.text).not.toContain('555-201-3344');
    const found = result.spans.map((span) => [span.kind, input.slice(span.start, span.end)]);
    expect(found).toContainEqual(['PHONE', '555-201-3344']);
    expect(found.find(([kind]) => kind === 'NAME')?.[1]).toContain('Whitfield');
    expect(found.find(([kind]) => kind === 'DATE')?.[1]).toBe('03/14/2024');
  });

  it('refuses text over the size limit', () => {
    expect(() => deidentifyText('a'.repeat(DEIDENTIFY_MAX_CHARACTERS + 1))).toThrow(AnalysisError);
  });
});
