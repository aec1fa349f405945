import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, EnvelopeCipher, keyIdOf } from './envelope-cipher';
import { createKeyRing, encryptionConfigShape, parseMasterKeys } from './key-ring';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe('envelope cipher', () => {
  it('round-trips text and bytes, with a fresh data key and IV every time', () => {
    const cipher = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    const sealed = cipher.encrypt('{"d":"private"}', 'row:1');
    expect(cipher.decryptString(sealed, 'row:1')).toBe('{"d":"private"}');
    expect(cipher.encrypt('{"d":"private"}', 'row:1')).not.toBe(sealed);
    const bytes = randomBytes(1000);
    expect(cipher.decrypt(cipher.encrypt(bytes, 'blob'), 'blob').equals(bytes)).toBe(true);
    expect(keyIdOf(sealed)).toBe('k1');
  });

  it('detects a flipped bit in the ciphertext, the tag or the wrapped key', () => {
    const cipher = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    const sealed = cipher.encrypt('payload', 'row:1');
    const parts = sealed.split('.');
    for (const index of [4, 6, 7]) {
      const tampered = [...parts];
      const bytes = Buffer.from(tampered[index] as string, 'base64url');
      bytes[0] = (bytes[0] as number) ^ 1;
      tampered[index] = bytes.toString('base64url');
      expect(() => cipher.decrypt(tampered.join('.'), 'row:1')).toThrow(DecryptionError);
    }
  });

  it('binds a value to its context: copied to another row it does not decrypt', () => {
    const cipher = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    const sealed = cipher.encrypt('payload', 'patient:1');
    expect(() => cipher.decrypt(sealed, 'patient:2')).toThrow(/another context/);
  });

  it('after rotation writes under the new key and still reads values wrapped by the old one', () => {
    const before = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    const old = before.encrypt('old secret', 'row:1');
    const after = new EnvelopeCipher(createKeyRing([k1, k2], 'k2'));
    expect(after.decryptString(old, 'row:1')).toBe('old secret');
    expect(after.needsReEncryption(old)).toBe(true);
    const fresh = after.reEncrypt(old, 'row:1');
    expect(keyIdOf(fresh)).toBe('k2');
    expect(after.needsReEncryption(fresh)).toBe(false);
    expect(after.decryptString(fresh, 'row:1')).toBe('old secret');
    // Once k1 is retired from the ring only re-encrypted values remain readable.
    const retired = new EnvelopeCipher(createKeyRing([k2], 'k2'));
    expect(retired.decryptString(fresh, 'row:1')).toBe('old secret');
    expect(() => retired.decrypt(old, 'row:1')).toThrow(/"k1" is not configured/);
  });

  it('refuses a value that is not in the envelope format', () => {
    const cipher = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    expect(() => cipher.decrypt('iv.tag.body', 'row:1')).toThrow(/envelope format/);
  });
});

describe('key configuration', () => {
  it('parses ENCRYPTION_KEYS and names a bad entry', () => {
    const keys = parseMasterKeys(`k1:${k1.key.toString('base64')}, k2:${k2.key.toString('base64')}`);
    expect(keys.map((key) => key.id)).toEqual(['k1', 'k2']);
    expect(() => parseMasterKeys('k1:c2hvcnQ=')).toThrow(/"k1" must be 32 bytes/);
    expect(() => createKeyRing(keys, 'k3')).toThrow(/"k3" is not among the keys/);
    expect(() => createKeyRing([k1, k1], 'k1')).toThrow(/appears twice/);
  });

  it('rejects a malformed key list at config parse time', async () => {
    const { z } = await import('zod');
    const result = z.object(encryptionConfigShape).safeParse({
      ENCRYPTION_KEYS: 'nocolon',
      ENCRYPTION_ACTIVE_KEY_ID: 'k1',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['ENCRYPTION_KEYS']);
  });
});
