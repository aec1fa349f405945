import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './key-encryption';

const secret = 'k'.repeat(40);

describe('key encryption', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const sealed = encryptSecret('{"d":"private"}', secret);
    expect(decryptSecret(sealed, secret)).toBe('{"d":"private"}');
    expect(encryptSecret('{"d":"private"}', secret)).not.toBe(sealed);
  });

  it('refuses a wrong key or a tampered ciphertext', () => {
    const sealed = encryptSecret('payload', secret);
    expect(() => decryptSecret(sealed, 'x'.repeat(40))).toThrow();
    const [iv, tag, body] = sealed.split('.');
    const tampered = [iv, tag, `${body?.slice(0, -2)}AA`].join('.');
    expect(() => decryptSecret(tampered, secret)).toThrow();
  });
});
