import { createKeyRing, EnvelopeCipher, type MasterKey } from '@holovitals/encryption';
import { createHash } from 'node:crypto';

/** Id of the master key derived from KEY_ENCRYPTION_SECRET, used until ENCRYPTION_KEYS names another. */
export const SECRET_MASTER_KEY_ID = 'kes';

export interface ContextCipherSettings {
  KEY_ENCRYPTION_SECRET: string;
  ENCRYPTION_KEYS?: MasterKey[];
  ENCRYPTION_ACTIVE_KEY_ID?: string;
}

/** Envelope cipher for record snapshots: ENCRYPTION_KEYS plus a key derived from KEY_ENCRYPTION_SECRET for analysis. */
export function contextCipher(settings: ContextCipherSettings): EnvelopeCipher {
  return new EnvelopeCipher(
    createKeyRing(
      [
        {
          id: SECRET_MASTER_KEY_ID,
          key: createHash('sha256').update(`analysis:${settings.KEY_ENCRYPTION_SECRET}`).digest(),
        },
        ...(settings.ENCRYPTION_KEYS ?? []),
      ],
      settings.ENCRYPTION_ACTIVE_KEY_ID ?? SECRET_MASTER_KEY_ID,
    ),
  );
}
