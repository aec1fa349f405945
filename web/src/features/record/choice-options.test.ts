import { describe, expect, it } from 'vitest';
import { choiceOptions } from './choice-options';

describe('choiceOptions', () => {
  it('labels FHIR codes as words', () => {
    expect(choiceOptions(['low', 'unable-to-assess'], 'low')).toEqual([
      { value: 'low', label: 'Low' },
      { value: 'unable-to-assess', label: 'Unable to assess' },
    ]);
  });

  it('keeps the entry’s own value selectable and offers "Not specified" when optional', () => {
    expect(choiceOptions(['active', 'stopped'], 'entered-in-error', true)).toEqual([
      { value: '', label: 'Not specified' },
      { value: 'active', label: 'Active' },
      { value: 'stopped', label: 'Stopped' },
      { value: 'entered-in-error', label: 'Entered in error' },
    ]);
    expect(choiceOptions(['active'], null).map((option) => option.value)).toEqual(['active']);
  });
});
