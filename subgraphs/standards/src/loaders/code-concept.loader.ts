import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { CodeConceptEntity } from '../entities/code-concept.entity';
import type { StandardsServices } from '../services/standards-services';
import type { CodeSystem } from '../vocabulary/code-system';

export interface ConceptKey {
  system: CodeSystem;
  code: string;
}

const keyOf = (key: ConceptKey): string => `${key.system}|${key.code}`;

/** Concepts by (system, code): Redis first, then one SQL statement for all misses of the request. */
export function codeConceptLoader(
  ctx: RequestContext<StandardsServices>,
): DataLoader<ConceptKey, CodeConceptEntity | null, string> {
  return ctx.loaders.get(
    'code-concept',
    () =>
      new DataLoader<ConceptKey, CodeConceptEntity | null, string>(
        async (keys) => {
          const cache = ctx.services.cache;
          const { found, generation } = await cache.getMany<CodeConceptEntity>('concept', keys.map(keyOf));
          const missing = keys.filter((key) => !found.has(keyOf(key)));
          if (missing.length > 0) {
            const rows = await ctx.dataSource
              .getRepository(CodeConceptEntity)
              .createQueryBuilder('concept')
              .where(
                '(concept.system, concept.code) IN (SELECT * FROM unnest(:systems::text[], :codes::text[]))',
                {
                  systems: missing.map((key) => key.system),
                  codes: missing.map((key) => key.code),
                },
              )
              .getMany();
            const loaded = new Map(rows.map((row) => [keyOf(row), row]));
            await cache.setMany('concept', loaded, generation);
            for (const [key, row] of loaded) found.set(key, row);
          }
          return keys.map((key) => found.get(keyOf(key)) ?? null);
        },
        { cacheKeyFn: keyOf },
      ),
  );
}
