import { describe, expect, it } from 'vitest';
import { scrubErrorText, scrubStack } from './error-scrubbing';

describe('scrubErrorText', () => {
  it('removes e-mail addresses, dates, phone and record numbers and quoted values', () => {
    const text =
      'Patient jane.doe@example.org born 1980-04-12 (phone +1 555-123-4567, SSN 123-45-6789) has "Type 2 diabetes"';
    expect(scrubErrorText(text)).toBe(
      'Patient <email> born <date> (phone <number>, SSN <ssn>) has "<value>"',
    );
  });

  it('keeps ids and stack frames so operators can find the failing code and row', () => {
    const id = '0b9f3c1e-7d4a-4a59-9d3e-2f1b8c6a9e10';
    const stack = `Error: row ${id} missing\n    at loadRecord (/app/dist/record.js:12:7)`;
    expect(scrubStack(stack)).toBe(stack);
  });

  it('removes bearer tokens and JWTs', () => {
    expect(scrubErrorText('auth Bearer abc.def-ghi failed for eyJhbGciOi.eyJzdWIi.sig')).toBe(
      'auth Bearer <token> failed for <token>',
    );
  });
});
