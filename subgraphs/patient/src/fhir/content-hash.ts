import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so two equal resources serialize identically whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of a resource's content, ignoring `meta.versionId` and `meta.lastUpdated`: servers bump those on every
 * read-back, and a re-import of unchanged content must write nothing.
 */
export function contentHash(resource: Record<string, unknown>): string {
  const meta = resource.meta as Record<string, unknown> | undefined;
  const comparable =
    meta === undefined
      ? resource
      : { ...resource, meta: { ...meta, versionId: undefined, lastUpdated: undefined } };
  return createHash('sha256').update(canonicalJson(comparable)).digest('hex');
}
