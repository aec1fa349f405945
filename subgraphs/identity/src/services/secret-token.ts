import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens, verification tokens, client secrets. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** High-entropy tokens need no slow hash; SHA-256 lets us look them up by hash. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
