import {
  createKeyRing,
  EnvelopeCipher,
  type MasterKey,
  reEncryptColumn,
  type ReEncryptionProgress,
} from '@holovitals/encryption';
import { createDecipheriv, createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Id of the master key derived from KEY_ENCRYPTION_SECRET, which every existing deployment has. It
 * stays in the ring so keys sealed under it decrypt after a switch to ENCRYPTION_KEYS.
 */
export const SECRET_MASTER_KEY_ID = 'kes';

const secretKey = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Binds a sealed private key to its row: a ciphertext moved to another kid does not decrypt. */
export const signingKeyContext = (kid: string): string => `identity.signing_key:${kid}`;

export interface KeyEncryptionSettings {
  KEY_ENCRYPTION_SECRET: string;
  ENCRYPTION_KEYS?: MasterKey[];
  ENCRYPTION_ACTIVE_KEY_ID?: string;
}

/** Envelope cipher over ENCRYPTION_KEYS plus the key derived from KEY_ENCRYPTION_SECRET. */
export function signingKeyCipher(settings: KeyEncryptionSettings): EnvelopeCipher {
  return new EnvelopeCipher(
    createKeyRing(
      [
        { id: SECRET_MASTER_KEY_ID, key: secretKey(settings.KEY_ENCRYPTION_SECRET) },
        ...(settings.ENCRYPTION_KEYS ?? []),
      ],
      settings.ENCRYPTION_ACTIVE_KEY_ID ?? SECRET_MASTER_KEY_ID,
    ),
  );
}

/** Reads the format written before envelope encryption: `iv.tag.ciphertext`, key sha256(secret). */
export function decryptLegacySecret(sealed: string, secret: string): Buffer {
  const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('Sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', secretKey(secret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * Re-seals every stored private key that is not under the active master key: rows in the legacy
 * format (once, after the upgrade) and rows under a rotated-out key. A row no key opens is reported
 * and left for the signing-key rotation to replace.
 */
export function reEncryptSigningKeys(
  dataSource: DataSource,
  cipher: EnvelopeCipher,
  legacySecret: string,
  onUnreadable: (kid: string) => void,
): Promise<ReEncryptionProgress> {
  return reEncryptColumn(
    (sql, parameters) => dataSource.query(sql, parameters),
    cipher,
    {
      table: 'signing_key',
      idColumn: 'kid',
      valueColumn: 'private_jwk_ciphertext',
      context: signingKeyContext,
      decryptLegacy: (value) => decryptLegacySecret(value, legacySecret),
    },
    { onUnreadable: (kid) => onUnreadable(kid) },
  );
}
