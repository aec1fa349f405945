import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so two equal resources serialize identically whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  // Hot path of every import (each resource is hashed): plain loops, no intermediate arrays.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const child = record[key];
    if (child === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(child)}`;
    first = false;
  }
  return `${out}}`;
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
