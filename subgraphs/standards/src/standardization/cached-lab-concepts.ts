import type { TerminologyCache } from '../cache/terminology-cache';
import type { LabConcept, LabConceptMatch, LabConceptResolver } from './lab-result';

/** Concept resolution through the Redis cache: one MGET per batch for codes and one for names. */
export class CachedLabConcepts implements LabConceptResolver {
  constructor(
    private readonly inner: LabConceptResolver,
    private readonly cache: TerminologyCache,
  ) {}

  async byCodes(codes: readonly string[]): Promise<Map<string, LabConcept>> {
    const { found, generation } = await this.cache.getMany<LabConcept>('lab_code', codes);
    const missing = codes.filter((code) => !found.has(code));
    if (missing.length === 0) return found;
    const resolved = await this.inner.byCodes(missing);
    await this.cache.setMany('lab_code', resolved, generation);
    for (const [code, concept] of resolved) found.set(code, concept);
    return found;
  }

  async byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch[]>> {
    const { found, generation } = await this.cache.getMany<LabConceptMatch[]>('lab_name', names);
    const missing = names.filter((name) => !found.has(name));
    if (missing.length === 0) return found;
    const resolved = await this.inner.byNames(missing);
    await this.cache.setMany('lab_name', resolved, generation);
    for (const [name, match] of resolved) found.set(name, match);
    return found;
  }
}
