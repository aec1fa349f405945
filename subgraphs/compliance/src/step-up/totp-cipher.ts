import { createKeyRing, EnvelopeCipher } from '@holovitals/encryption';
import { createHash } from 'node:crypto';
import type { ComplianceConfig } from '../config';

/** Id of the master key derived from KEY_ENCRYPTION_SECRET, used until ENCRYPTION_KEYS names another. */
const SECRET_MASTER_KEY_ID = 'kes';

/** Envelope cipher over ENCRYPTION_KEYS plus a key derived from KEY_ENCRYPTION_SECRET for compliance. */
export function totpCipher(
  settings: Pick<ComplianceConfig, 'KEY_ENCRYPTION_SECRET' | 'ENCRYPTION_KEYS' | 'ENCRYPTION_ACTIVE_KEY_ID'>,
): EnvelopeCipher {
  return new EnvelopeCipher(
    createKeyRing(
      [
        {
          id: SECRET_MASTER_KEY_ID,
          key: createHash('sha256').update(`compliance:${settings.KEY_ENCRYPTION_SECRET}`).digest(),
        },
        ...(settings.ENCRYPTION_KEYS ?? []),
      ],
      settings.ENCRYPTION_ACTIVE_KEY_ID ?? SECRET_MASTER_KEY_ID,
    ),
  );
}

/** The AAD that binds a sealed secret to its user: a ciphertext copied to another user's row does not open. */
export const totpSecretContext = (userId: string): string => `compliance.totp_factor:${userId}`;
