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

  it('keeps a UUID whole even when its groups are all digits, and still scrubs a quoted value around one', () => {
    const id = '12345678-1234-5678-9012-123456789012';
    expect(scrubErrorText(`record ${id} of 555 123 4567`)).toBe(`record ${id} of <number>`);
    expect(scrubErrorText(`bad value 'jane ${id}'`)).toBe("bad value '<value>'");
  });

  it('removes bearer tokens and JWTs', () => {
    expect(scrubErrorText('auth Bearer abc.def-ghi failed for eyJhbGciOi.eyJzdWIi.sig')).toBe(
      'auth Bearer <token> failed for <token>',
    );
  });
});
