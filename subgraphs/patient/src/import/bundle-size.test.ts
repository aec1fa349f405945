import { describe, expect, it } from 'vitest';
import { readSynthea, syntheaAllFiles } from '../../test/support/synthea-fixtures';
import { bundleJsonBytes } from './bundle-size';

describe('bundleJsonBytes', () => {
  it('counts exactly the bytes JSON.stringify produces, without producing them', () => {
    const samples: unknown[] = [
      null,
      true,
      false,
      0,
      -1.5e-7,
      '',
      'plain',
      'quote " backslash \\ newline \n tab \t control \u0001',
      'äöü € 😀',
      [],
      [1, 'a', null, [{}], { a: undefined }],
      { a: 1, b: undefined, ключ: ['x'], nested: { deeper: [true, false] } },
      JSON.parse('{"__proto__":{"x":1},"y":2}'),
    ];
    for (const sample of samples) {
      expect(bundleJsonBytes(sample), JSON.stringify(sample)).toBe(Buffer.byteLength(JSON.stringify(sample)));
    }
    for (const file of syntheaAllFiles().slice(0, 3)) {
      const bundle = readSynthea(file);
      expect(bundleJsonBytes(bundle), file).toBe(Buffer.byteLength(JSON.stringify(bundle)));
    }
  });
});
