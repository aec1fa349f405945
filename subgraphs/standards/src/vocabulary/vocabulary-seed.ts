import type { DataSource } from 'typeorm';
import { upsertConcepts } from './concept-writer';
import { starterVocabulary } from './starter-vocabulary';

const SEED_BATCH = 1000;

/**
 * Writes the starter vocabulary in `fill` mode: idempotent, and never overwrites what a full release import set.
 * Returns how many concepts the starter vocabulary holds.
 */
export async function seedStarterVocabulary(dataSource: DataSource): Promise<number> {
  const concepts = starterVocabulary();
  for (let start = 0; start < concepts.length; start += SEED_BATCH) {
    await upsertConcepts(dataSource.manager, concepts.slice(start, start + SEED_BATCH), 'fill');
  }
  return concepts.length;
}
