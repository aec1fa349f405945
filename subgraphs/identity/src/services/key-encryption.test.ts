import { keyIdOf } from '@holovitals/encryption';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacySeal } from '../../test/legacy-key-format';
import {
  decryptLegacySecret,
  SECRET_MASTER_KEY_ID,
  signingKeyCipher,
  signingKeyContext,
} from './key-encryption';

const secret = 'k'.repeat(40);

describe('signing key encryption', () => {
  it('seals under the key derived from KEY_ENCRYPTION_SECRET unless ENCRYPTION_KEYS names another', () => {
    const cipher = signingKeyCipher({ KEY_ENCRYPTION_SECRET: secret });
    const sealed = cipher.encrypt('{"d":"private"}', signingKeyContext('kid-1'));
    expect(keyIdOf(sealed)).toBe(SECRET_MASTER_KEY_ID);
    expect(cipher.decryptString(sealed, signingKeyContext('kid-1'))).toBe('{"d":"private"}');
    expect(() => cipher.decrypt(sealed, signingKeyContext('kid-2'))).toThrow();

    const rotated = signingKeyCipher({
      KEY_ENCRYPTION_SECRET: secret,
      ENCRYPTION_KEYS: [{ id: 'k2', key: randomBytes(32) }],
      ENCRYPTION_ACTIVE_KEY_ID: 'k2',
    });
    expect(keyIdOf(rotated.encrypt('x', signingKeyContext('kid-1')))).toBe('k2');
    expect(rotated.decryptString(sealed, signingKeyContext('kid-1'))).toBe('{"d":"private"}');
  });

  it('reads the pre-envelope format with the right secret only', () => {
    const old = legacySeal('payload', secret);
    expect(decryptLegacySecret(old, secret).toString('utf8')).toBe('payload');
    expect(() => decryptLegacySecret(old, 'x'.repeat(40))).toThrow();
  });
});
