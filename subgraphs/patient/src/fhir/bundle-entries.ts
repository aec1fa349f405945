import type { Resource } from '@medplum/fhirtypes';
import { BundleRejectedError, BundleRejectionReason } from './bundle-rejection';
import { R4_RESOURCE_TYPES } from './r4-resource-types';

/** Bundle types a record can be imported from; the others (history, document, message…) are refused. */
export const IMPORTABLE_BUNDLE_TYPES: readonly string[] = ['transaction', 'batch', 'collection', 'searchset'];

/** A problem with one bundle entry, reported back by its 0-based index. */
export interface EntryIssue {
  index: number;
  resourceType: string | null;
  fhirId: string | null;
  reason: string;
}

/** An entry that carries a FHIR R4 resource with a usable id. */
export interface BundleResourceEntry {
  index: number;
  fullUrl: string | null;
  resource: Resource & { id: string };
}

export interface BundleEntries {
  bundleType: string;
  sourceSystem: string | null;
  resources: BundleResourceEntry[];
  skipped: EntryIssue[];
  errors: EntryIssue[];
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const URN_UUID = /^urn:uuid:([0-9a-fA-F-]{36})$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Checks the bundle envelope and sorts its entries into importable resources, skipped entries (requests without
 * a resource, unknown resource types) and errors (malformed entries, missing ids, duplicates).
 */
export function readBundleEntries(input: unknown): BundleEntries {
  if (!isObject(input) || input.resourceType !== 'Bundle') {
    throw new BundleRejectedError(BundleRejectionReason.NOT_A_BUNDLE, 'The document is not a FHIR Bundle');
  }
  const bundleType = asString(input.type);
  if (bundleType === null || !IMPORTABLE_BUNDLE_TYPES.includes(bundleType)) {
    throw new BundleRejectedError(
      BundleRejectionReason.UNSUPPORTED_BUNDLE_TYPE,
      `Bundle.type must be one of ${IMPORTABLE_BUNDLE_TYPES.join(', ')}; got ${JSON.stringify(input.type)}`,
    );
  }
  if (input.entry !== undefined && !Array.isArray(input.entry)) {
    throw new BundleRejectedError(BundleRejectionReason.NOT_A_BUNDLE, 'Bundle.entry must be an array');
  }
  const meta = isObject(input.meta) ? input.meta : {};
  const result: BundleEntries = {
    bundleType,
    sourceSystem: asString(meta.source),
    resources: [],
    skipped: [],
    errors: [],
  };
  const seen = new Map<string, number>();
  (input.entry ?? []).forEach((entry: unknown, index: number) => {
    const issue = (
      reason: string,
      resourceType: string | null = null,
      fhirId: string | null = null,
    ): EntryIssue => ({
      index,
      resourceType,
      fhirId,
      reason,
    });
    if (!isObject(entry)) {
      result.errors.push(issue('Bundle.entry must be an object'));
      return;
    }
    const fullUrl = asString(entry.fullUrl);
    const method = isObject(entry.request) ? asString(entry.request.method) : null;
    if (entry.resource === undefined) {
      result.skipped.push(issue(`entry has no resource${method === null ? '' : ` (request ${method})`}`));
      return;
    }
    if (!isObject(entry.resource) || typeof entry.resource.resourceType !== 'string') {
      result.errors.push(issue('entry.resource must be an object with a resourceType'));
      return;
    }
    const resourceType = entry.resource.resourceType;
    if (!R4_RESOURCE_TYPES.has(resourceType)) {
      result.skipped.push(
        issue(`unknown FHIR R4 resource type ${JSON.stringify(resourceType)}`, resourceType),
      );
      return;
    }
    if (method === 'DELETE' || method === 'GET' || method === 'HEAD') {
      result.skipped.push(issue(`request method ${method} imports nothing`, resourceType));
      return;
    }
    const fhirId = asString(entry.resource.id) ?? URN_UUID.exec(fullUrl ?? '')?.[1] ?? null;
    if (fhirId === null || !FHIR_ID.test(fhirId)) {
      result.errors.push(
        issue('resource has no valid id and no urn:uuid fullUrl to take one from', resourceType),
      );
      return;
    }
    const key = `${resourceType}/${fhirId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      result.errors.push(issue(`duplicate of entry ${first} (${key})`, resourceType, fhirId));
      return;
    }
    seen.set(key, index);
    result.resources.push({
      index,
      fullUrl,
      resource: { ...(entry.resource as unknown as Resource), id: fhirId },
    });
  });
  return result;
}
