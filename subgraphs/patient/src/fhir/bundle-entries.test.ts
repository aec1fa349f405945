import { describe, expect, it } from 'vitest';
import { readBundleEntries } from './bundle-entries';
import { BundleRejectedError, BundleRejectionReason } from './bundle-rejection';

function rejection(input: unknown): BundleRejectionReason | null {
  try {
    readBundleEntries(input);
    return null;
  } catch (error) {
    return error instanceof BundleRejectedError ? error.reason : null;
  }
}

describe('readBundleEntries', () => {
  it('refuses documents that are not bundles or not importable bundle types', () => {
    expect(rejection({ resourceType: 'Patient' })).toBe(BundleRejectionReason.NOT_A_BUNDLE);
    expect(rejection('Bundle')).toBe(BundleRejectionReason.NOT_A_BUNDLE);
    expect(rejection({ resourceType: 'Bundle', type: 'collection', entry: {} })).toBe(
      BundleRejectionReason.NOT_A_BUNDLE,
    );
    expect(rejection({ resourceType: 'Bundle', type: 'history', entry: [] })).toBe(
      BundleRejectionReason.UNSUPPORTED_BUNDLE_TYPE,
    );
  });

  it.each(['transaction', 'batch', 'collection', 'searchset'])('accepts a %s bundle', (type) => {
    const entries = readBundleEntries({
      resourceType: 'Bundle',
      type,
      entry: [{ resource: { resourceType: 'Patient', id: 'p' } }],
    });
    expect(entries.resources.map((e) => e.resource.id)).toEqual(['p']);
  });

  it('skips unknown resource types and requests without a resource, counting each by index', () => {
    const entries = readBundleEntries({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { resource: { resourceType: 'Spaceship', id: 'x' } },
        { request: { method: 'DELETE', url: 'Observation/1' } },
        {
          resource: { resourceType: 'Observation', id: 'o' },
          request: { method: 'DELETE', url: 'Observation/o' },
        },
        { resource: { resourceType: 'Encounter', id: 'e' } },
      ],
    });
    expect(entries.skipped.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(entries.skipped[0].reason).toMatch(/unknown FHIR R4 resource type "Spaceship"/);
    expect(entries.resources.map((e) => e.index)).toEqual([3]);
  });

  it('takes the id from a urn:uuid fullUrl and reports entries without any id or with a duplicate', () => {
    const entries = readBundleEntries({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:0b5c1b8e-6d5a-4b7e-9a4e-2f0c4f8d1a11', resource: { resourceType: 'Condition' } },
        { resource: { resourceType: 'Condition' } },
        { resource: { resourceType: 'Condition', id: '0b5c1b8e-6d5a-4b7e-9a4e-2f0c4f8d1a11' } },
        'not an entry',
      ],
    });
    expect(entries.resources.map((e) => e.resource.id)).toEqual(['0b5c1b8e-6d5a-4b7e-9a4e-2f0c4f8d1a11']);
    expect(entries.errors.map((e) => [e.index, e.reason])).toEqual([
      [1, 'resource has no valid id and no urn:uuid fullUrl to take one from'],
      [2, 'duplicate of entry 0 (Condition/0b5c1b8e-6d5a-4b7e-9a4e-2f0c4f8d1a11)'],
      [3, 'Bundle.entry must be an object'],
    ]);
  });
});
