import { z } from 'zod';

/** A master key: 32 random bytes under a short id that is stored with every value it wraps. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Every master key that may still decrypt, and the one that wraps new data keys. */
export interface KeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class KeyRingError extends Error {
  override readonly name = 'KeyRingError';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `id:base64,id:base64` (each key 32 bytes) as written in ENCRYPTION_KEYS. */
export function parseMasterKeys(list: string): MasterKey[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      if (separator < 1 || !KEY_ID.test(id)) {
        throw new KeyRingError(
          `Key entry "${id || entry.slice(0, 8)}…" needs an id of letters, digits, _ or -`,
        );
      }
      if (key.length !== 32)
        throw new KeyRingError(`Key "${id}" must be 32 bytes of base64, got ${key.length}`);
      return { id, key };
    });
}

export function createKeyRing(keys: MasterKey[], activeKeyId: string): KeyRing {
  const map = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (map.has(id)) throw new KeyRingError(`Key id "${id}" appears twice`);
    map.set(id, key);
  }
  if (!map.has(activeKeyId)) throw new KeyRingError(`Active key id "${activeKeyId}" is not among the keys`);
  return { activeKeyId, keys: map };
}

/**
 * Settings a service adds to its config shape. Old keys stay in ENCRYPTION_KEYS after a rotation so
 * rows they wrapped still decrypt; ENCRYPTION_ACTIVE_KEY_ID picks the key for new writes.
 */
export const encryptionConfigShape = {
  ENCRYPTION_KEYS: z
    .string()
    .min(1, 'ENCRYPTION_KEYS must list at least one id:base64 key')
    .transform((value, ctx) => {
      try {
        return parseMasterKeys(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().regex(KEY_ID, 'ENCRYPTION_ACTIVE_KEY_ID must be a key id'),
};
