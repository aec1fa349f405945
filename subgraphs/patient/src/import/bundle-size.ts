/**
 * The bytes `JSON.stringify(value)` would produce, counted without building that string: the import's size limit
 * is checked on a parsed bundle of up to tens of MB, and a serialized copy just to measure it doubled the peak.
 * Exact for what JSON.parse produces (no toJSON methods, no cycles).
 */
export function bundleJsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case 'string':
      // One string at a time: an escape may lengthen it, and non-ASCII counts in UTF-8 bytes.
      return Buffer.byteLength(JSON.stringify(value));
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    // What JSON.parse never produces; JSON.stringify leaves these out (or fails on bigint).
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return 0;
  }
  if (Array.isArray(value)) {
    let bytes = 2 + Math.max(0, value.length - 1);
    for (const item of value as unknown[]) {
      bytes += typeof item === 'function' ? 4 : bundleJsonBytes(item);
    }
    return bytes;
  }
  let bytes = 2;
  let members = 0;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined || typeof child === 'function') continue;
    bytes += Buffer.byteLength(JSON.stringify(key)) + 1 + bundleJsonBytes(child);
    members += 1;
  }
  return bytes + Math.max(0, members - 1);
}
