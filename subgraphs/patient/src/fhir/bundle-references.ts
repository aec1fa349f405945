import type { Identifier, Resource } from '@medplum/fhirtypes';
import type { BundleResourceEntry, EntryIssue } from './bundle-entries';

/** `Practitioner?identifier=system|value`, the one conditional reference form bundles use in practice. */
export interface ConditionalReference {
  resourceType: string;
  system: string | null;
  value: string;
}

export interface ResolvedReferences {
  resolved: BundleResourceEntry[];
  errors: EntryIssue[];
}

const CONDITIONAL = /^([A-Z][A-Za-z]+)\?identifier=([^&]+)$/;

function decodedOrNull(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    // A malformed escape (`%zz`, a lone `%`) is the entry's fault, reported with it, not the whole import's.
    return null;
  }
}

/** Parses a conditional reference; null when the string is not one this importer understands. */
export function parseConditionalReference(reference: string): ConditionalReference | null {
  const match = CONDITIONAL.exec(reference);
  if (!match) {
    return null;
  }
  const token = decodedOrNull(match[2]);
  if (token === null) return null;
  const bar = token.indexOf('|');
  return bar < 0
    ? { resourceType: match[1], system: null, value: token }
    : { resourceType: match[1], system: token.slice(0, bar) || null, value: token.slice(bar + 1) };
}

/** The key under which a conditional reference's resolution is looked up. */
export function conditionalKey(reference: ConditionalReference): string {
  return `${reference.resourceType}|${reference.system ?? ''}|${reference.value}`;
}

function identifierKeys(resourceType: string, identifiers: Identifier[] | undefined): string[] {
  return (identifiers ?? [])
    .filter((identifier) => identifier.value !== undefined)
    .flatMap((identifier) => [
      `${resourceType}|${identifier.system ?? ''}|${identifier.value}`,
      `${resourceType}||${identifier.value}`,
    ]);
}

function forEachReference(value: unknown, visit: (reference: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => forEachReference(item, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') visit(child);
      else forEachReference(child, visit);
    }
  }
}

/**
 * Keys no FHIR element has, which code that assigns by key turns into prototype changes: a resource keeps none of
 * them (JSON.parse makes `__proto__` an ordinary own key, so it reaches us as data).
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Rewrites references and drops unsafe keys at every depth, in place: a bundle of tens of MB is not copied again
 * (the importer owns the parsed argument, and an entry that fails is discarded whole).
 */
function rewriteReferences(value: unknown, rewrite: (reference: string) => string): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, rewrite);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (UNSAFE_KEYS.has(key)) {
      delete record[key];
      continue;
    }
    const child = record[key];
    if (key === 'reference' && typeof child === 'string') record[key] = rewrite(child);
    else rewriteReferences(child, rewrite);
  }
}

/** Conditional references no entry of the bundle satisfies: the importer looks them up in stored resources. */
export function unresolvedConditionalReferences(entries: BundleResourceEntry[]): ConditionalReference[] {
  const local = new Set(
    entries.flatMap((e) => identifierKeys(e.resource.resourceType, identifiersOf(e.resource))),
  );
  const wanted = new Map<string, ConditionalReference>();
  for (const entry of entries) {
    forEachReference(entry.resource, (reference) => {
      const conditional = parseConditionalReference(reference);
      if (conditional !== null && !local.has(conditionalKey(conditional))) {
        wanted.set(conditionalKey(conditional), conditional);
      }
    });
  }
  return [...wanted.values()];
}

function identifiersOf(resource: Resource): Identifier[] | undefined {
  return 'identifier' in resource && Array.isArray(resource.identifier)
    ? (resource.identifier as Identifier[])
    : undefined;
}

/**
 * Rewrites (in place) `urn:uuid:` and full-URL references to `Type/id` and conditional references to the one resource they
 * match, in the bundle or in `stored` (conditional key → `Type/id`). An entry with a reference that points nowhere
 * or matches several resources is an error; relative `Type/id` and `#contained` references stay as they are.
 */
export function resolveBundleReferences(
  entries: BundleResourceEntry[],
  stored: ReadonlyMap<string, string>,
): ResolvedReferences {
  const byFullUrl = new Map<string, string>();
  const byIdentifier = new Map<string, Set<string>>();
  for (const { fullUrl, resource } of entries) {
    const target = `${resource.resourceType}/${resource.id}`;
    if (fullUrl !== null) byFullUrl.set(fullUrl, target);
    for (const key of identifierKeys(resource.resourceType, identifiersOf(resource))) {
      byIdentifier.set(key, (byIdentifier.get(key) ?? new Set()).add(target));
    }
  }
  const resolved: BundleResourceEntry[] = [];
  const errors: EntryIssue[] = [];
  for (const entry of entries) {
    const problems: string[] = [];
    const resource = entry.resource;
    rewriteReferences(resource, (reference) => {
      const local = byFullUrl.get(reference);
      if (local !== undefined) return local;
      if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
        problems.push(`reference ${reference} matches no entry of the bundle`);
        return reference;
      }
      if (!reference.includes('?')) return reference;
      const conditional = parseConditionalReference(reference);
      if (conditional === null) {
        problems.push(`conditional reference ${reference} is not of the form Type?identifier=system|value`);
        return reference;
      }
      const matches = byIdentifier.get(conditionalKey(conditional));
      if (matches !== undefined && matches.size > 1) {
        problems.push(`conditional reference ${reference} matches ${matches.size} resources`);
        return reference;
      }
      const target = matches?.values().next().value ?? stored.get(conditionalKey(conditional));
      if (target === undefined) {
        problems.push(`conditional reference ${reference} matches no resource`);
        return reference;
      }
      return target;
    });
    if (problems.length > 0) {
      errors.push({
        index: entry.index,
        resourceType: entry.resource.resourceType,
        fhirId: entry.resource.id,
        reason: problems.join('; '),
      });
    } else {
      resolved.push({ ...entry, resource });
    }
  }
  return { resolved, errors };
}
