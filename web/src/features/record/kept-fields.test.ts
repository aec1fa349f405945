import { describe, expect, it } from 'vitest';
import { keptFields } from './kept-fields';

describe('keptFields', () => {
  it('copies the named fields of the entry being edited', () => {
    const entry = { code: '123', codeSystem: 'http://snomed.info/sct', display: 'Asthma' };
    expect(keptFields(entry, ['code', 'codeSystem'])).toEqual({
      code: '123',
      codeSystem: 'http://snomed.info/sct',
    });
  });

  it('sends null for missing fields and when adding', () => {
    expect(keptFields<{ code?: string | null }, 'code'>({}, ['code'])).toEqual({ code: null });
    expect(keptFields<{ code?: string | null }, 'code'>(undefined, ['code'])).toEqual({ code: null });
  });
});
