import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash';

describe('contentHash', () => {
  it('does not depend on key order', () => {
    expect(contentHash({ resourceType: 'Condition', id: '1', code: { text: 'a', coding: [] } })).toBe(
      contentHash({ code: { coding: [], text: 'a' }, id: '1', resourceType: 'Condition' }),
    );
  });

  it('ignores meta.versionId and meta.lastUpdated but not other meta', () => {
    const base = {
      resourceType: 'Condition',
      id: '1',
      meta: { versionId: '1', lastUpdated: '2020-01-01T00:00:00Z' },
    };
    expect(contentHash(base)).toBe(contentHash({ ...base, meta: { versionId: '7' } }));
    expect(contentHash(base)).not.toBe(contentHash({ ...base, meta: { source: 'other' } }));
  });

  it('changes when content changes', () => {
    expect(contentHash({ resourceType: 'Observation', valueQuantity: { value: 1 } })).not.toBe(
      contentHash({ resourceType: 'Observation', valueQuantity: { value: 2 } }),
    );
  });

  it('serializes arrays in order and skips undefined members', () => {
    expect(canonicalJson({ b: [2, 1], a: undefined })).toBe('{"b":[2,1]}');
  });
});
