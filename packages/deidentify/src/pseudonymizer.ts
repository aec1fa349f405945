import { IdentifierKind } from './identifier-kind';
import { retainedPart } from './replacement';

const SURROGATE = /\[([A-Z_]+)-(\d+)(?: [^\]]*)?\]/g;

/**
 * Consistent surrogates for one task: the same identifier always gets the same surrogate (`[NAME-1]`),
 * a surname alone gets its full name's surrogate, and `reidentify` maps a model's answer back. It lives
 * only inside the service that made it; the mapping is never sent anywhere.
 */
export class Pseudonymizer {
  private readonly byOriginal = new Map<string, string>();
  private readonly bySurrogate = new Map<string, string>();
  private readonly counters = new Map<IdentifierKind, number>();

  surrogateFor(kind: IdentifierKind, original: string): string {
    const key = `${kind}:${normalise(kind, original)}`;
    const known = this.byOriginal.get(key) ?? this.knownNameWord(kind, original);
    if (known) return known;
    const next = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, next);
    const kept = retainedPart(kind, original);
    const surrogate = kept === null ? `[${kind}-${next}]` : `[${kind}-${next} ${kept}]`;
    this.byOriginal.set(key, surrogate);
    this.bySurrogate.set(surrogate, original);
    if (kind === IdentifierKind.NAME) {
      for (const word of original.split(/[\s,]+/)) {
        if (word.length >= 3) this.byOriginal.set(`${kind}:word:${word.toLowerCase()}`, surrogate);
      }
    }
    return surrogate;
  }

  /** Puts the originals back for every surrogate this pseudonymizer issued; others stay as they are. */
  reidentify(text: string): string {
    return text.replace(SURROGATE, (surrogate) => this.bySurrogate.get(surrogate) ?? surrogate);
  }

  /** How many distinct identifiers were replaced. */
  get size(): number {
    return this.bySurrogate.size;
  }

  private knownNameWord(kind: IdentifierKind, original: string): string | undefined {
    if (kind !== IdentifierKind.NAME || /\s/.test(original.trim())) return undefined;
    return this.byOriginal.get(`${kind}:word:${original.trim().toLowerCase()}`);
  }
}

const DIGITS_ONLY = new Set([IdentifierKind.PHONE, IdentifierKind.FAX, IdentifierKind.SSN]);

/** "(555) 201-3344" and "555-201-3344" are one phone; "John  Smith" and "john smith" one name. */
function normalise(kind: IdentifierKind, original: string): string {
  if (DIGITS_ONLY.has(kind)) return original.replace(/\D/g, '');
  return original.toLowerCase().replace(/\s+/g, ' ').trim();
}
