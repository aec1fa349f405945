import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring';

/** Version tag first, so a future format can be told apart from this one. */
const FORMAT = 'hve1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

interface Sealed {
  keyId: string;
  wrapIv: Buffer;
  wrapTag: Buffer;
  wrappedKey: Buffer;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function parse(value: string): Sealed {
  const parts = value.split('.');
  const [format, keyId, ...rest] = parts;
  if (format !== FORMAT || !keyId || rest.length !== 6) {
    throw new DecryptionError('Value is not in the envelope format');
  }
  const [wrapIv, wrapTag, wrappedKey, iv, tag, ciphertext] = rest.map((part) =>
    Buffer.from(part, 'base64url'),
  ) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  return { keyId, wrapIv, wrapTag, wrappedKey, iv, tag, ciphertext };
}

/**
 * Envelope encryption: each value gets its own random data key; the data key is wrapped by the
 * active master key, whose id travels in the sealed string so rotated-out keys still decrypt.
 * `context` is authenticated associated data (e.g. `identity.signing_key:<kid>`): a ciphertext copied
 * to another row, or another column, fails to decrypt there.
 */
export class EnvelopeCipher {
  constructor(private readonly ring: KeyRing) {}

  get activeKeyId(): string {
    return this.ring.activeKeyId;
  }

  encrypt(plaintext: Buffer | string, context: string): string {
    const masterKey = this.ring.keys.get(this.ring.activeKeyId) as Buffer;
    const dataKey = randomBytes(32);
    try {
      const wrapped = seal(masterKey, dataKey, Buffer.from(`${FORMAT}:${this.ring.activeKeyId}`));
      const body = seal(
        dataKey,
        typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext,
        Buffer.from(context, 'utf8'),
      );
      return [
        FORMAT,
        this.ring.activeKeyId,
        ...[wrapped.iv, wrapped.tag, wrapped.ciphertext, body.iv, body.tag, body.ciphertext].map((part) =>
          part.toString('base64url'),
        ),
      ].join('.');
    } finally {
      dataKey.fill(0);
    }
  }

  decrypt(value: string, context: string): Buffer {
    const sealed = parse(value);
    const masterKey = this.ring.keys.get(sealed.keyId);
    if (!masterKey) throw new DecryptionError(`Master key "${sealed.keyId}" is not configured`);
    let dataKey: Buffer;
    try {
      dataKey = open(
        masterKey,
        sealed.wrapIv,
        sealed.wrapTag,
        sealed.wrappedKey,
        Buffer.from(`${FORMAT}:${sealed.keyId}`),
      );
    } catch {
      throw new DecryptionError('Data key does not unwrap: wrong master key or tampered value');
    }
    try {
      return open(dataKey, sealed.iv, sealed.tag, sealed.ciphertext, Buffer.from(context, 'utf8'));
    } catch {
      throw new DecryptionError('Value does not authenticate: tampered, or sealed for another context');
    } finally {
      dataKey.fill(0);
    }
  }

  decryptString(value: string, context: string): string {
    return this.decrypt(value, context).toString('utf8');
  }

  /** True when the value is not sealed under the active master key (an old row after rotation). */
  needsReEncryption(value: string): boolean {
    return keyIdOf(value) !== this.ring.activeKeyId;
  }

  /** Re-wraps a value under the active key, checking it decrypts under `context` first. */
  reEncrypt(value: string, context: string): string {
    return this.encrypt(this.decrypt(value, context), context);
  }
}

/** The master key id a sealed value names, or null when it is not in the envelope format. */
export function keyIdOf(value: string): string | null {
  const [format, keyId] = value.split('.', 2);
  return format === FORMAT && keyId ? keyId : null;
}

export function isEnvelope(value: string): boolean {
  return keyIdOf(value) !== null;
}
