import { StandardsError } from '../standards-error';
import { createUnitConverter, type UnitConverter } from './unit-conversion';

export type CachedConversion = { ok: true; convert: UnitConverter } | { ok: false; reason: string };

/** Bounded, so a stream of distinct made-up units cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;

/** Converters per (from, to, molecular weight), built once; failures are remembered as reasons, not thrown. */
export class ConverterCache {
  private readonly entries = new Map<string, CachedConversion>();

  get(from: string, to: string, molecularWeight: number | null): CachedConversion {
    const key = `${from}\u0000${to}\u0000${molecularWeight ?? ''}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    let entry: CachedConversion;
    try {
      entry = { ok: true, convert: createUnitConverter(from, to, molecularWeight) };
    } catch (error) {
      if (!(error instanceof StandardsError)) throw error;
      entry = { ok: false, reason: error.message };
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, entry);
    return entry;
  }
}
