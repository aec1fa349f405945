import { createChangePublisher, type ChangePublisher } from '@holovitals/live-changes';
import { createKeyRing, EnvelopeCipher } from '@holovitals/encryption';
import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import { QueueProducer } from '@holovitals/worker-runtime';
import { createHash } from 'node:crypto';
import type { EhrConfig } from './config';

/** Id of the master key derived from KEY_ENCRYPTION_SECRET (the default until ENCRYPTION_KEYS takes over). */
export const SECRET_MASTER_KEY_ID = 'kes';

/** What the ehr subgraph's resolvers get on `ctx.services`, built once at start-up from config. */
export interface EhrServices {
  config: EhrConfig;
  /** Seals tokens and PKCE verifiers; each value is bound to its row by the context string. */
  cipher: EnvelopeCipher;
  /** Puts sync runs on the worker's queue. */
  syncQueue: QueueProducer;
  /** Publishes `ehrSyncProgress` steps (live-changes). */
  changes: ChangePublisher;
}

export function ehrCipher(
  config: Pick<EhrConfig, 'KEY_ENCRYPTION_SECRET' | 'ENCRYPTION_KEYS' | 'ENCRYPTION_ACTIVE_KEY_ID'>,
): EnvelopeCipher {
  return new EnvelopeCipher(
    createKeyRing(
      [
        { id: SECRET_MASTER_KEY_ID, key: createHash('sha256').update(config.KEY_ENCRYPTION_SECRET).digest() },
        ...(config.ENCRYPTION_KEYS ?? []),
      ],
      config.ENCRYPTION_ACTIVE_KEY_ID ?? SECRET_MASTER_KEY_ID,
    ),
  );
}

export function createEhrServices(runtime: SubgraphRuntime<EhrConfig>): EhrServices {
  const { config } = runtime;
  return {
    config,
    cipher: ehrCipher(config),
    syncQueue: new QueueProducer({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
    changes: createChangePublisher(runtime.redis),
  };
}
