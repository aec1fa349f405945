import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import { createCacheCounter, digest, TerminologyCache } from '../cache/terminology-cache';
import { CachedLabConcepts } from '../standardization/cached-lab-concepts';
import { DatabaseLabConcepts } from '../standardization/database-lab-concepts';
import { InMemoryLabConcepts } from '../standardization/in-memory-lab-concepts';
import { LabStandardizer } from '../standardization/lab-standardizer';
import { LayeredLabConcepts } from '../standardization/layered-lab-concepts';
import { starterVocabulary } from '../vocabulary/starter-vocabulary';
import { seedStarterVocabulary } from '../vocabulary/vocabulary-seed';

export interface StandardsServices {
  cache: TerminologyCache;
  standardizer: LabStandardizer;
}

/** Seeds the starter vocabulary (idempotent) and wires standardization through the Redis cache. */
export async function createStandardsServices(
  runtime: SubgraphRuntime<{ STANDARDS_CACHE_PREFIX: string }>,
): Promise<StandardsServices> {
  const seeded = await seedStarterVocabulary(runtime.dataSource);
  runtime.logger.info({ concepts: seeded }, 'starter vocabulary seeded');
  const cache = new TerminologyCache(
    runtime.redis,
    runtime.config.STANDARDS_CACHE_PREFIX,
    createCacheCounter(runtime.metrics.registry),
    runtime.logger,
    digest(starterVocabulary()).slice(0, 12),
  );
  const concepts = new LayeredLabConcepts(
    new InMemoryLabConcepts(starterVocabulary()),
    new DatabaseLabConcepts(runtime.dataSource),
  );
  return { cache, standardizer: new LabStandardizer(new CachedLabConcepts(concepts, cache)) };
}
