import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** The format identity wrote before envelope encryption, reproduced to prove old rows stay readable. */
export function legacySeal(plaintext: string, legacySecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(legacySecret).digest(), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}
