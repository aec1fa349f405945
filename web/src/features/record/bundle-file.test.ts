import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES, readBundleText } from './bundle-file';

describe('readBundleText', () => {
  it('accepts a FHIR Bundle', () => {
    const result = readBundleText('{"resourceType":"Bundle","type":"collection","entry":[]}', 60);
    expect(result).toEqual({ ok: true, bundle: { resourceType: 'Bundle', type: 'collection', entry: [] } });
  });

  it('explains invalid JSON, other resources and oversize files', () => {
    expect(readBundleText('{ nope', 6)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not valid JSON'),
    });
    expect(readBundleText('{"resourceType":"Patient"}', 26)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a FHIR Bundle'),
    });
    expect(readBundleText('[]', 2)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a FHIR Bundle'),
    });
    expect(readBundleText('{}', MAX_BUNDLE_BYTES + 1)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('larger than 20 MB'),
    });
  });
});
