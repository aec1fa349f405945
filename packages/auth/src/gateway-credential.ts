import { createHash, timingSafeEqual } from 'node:crypto';

/** Header the gateway sets on every subgraph request (a shared secret here; mTLS in production). */
export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response timing. */
export function isGatewayCredentialValid(presented: string | undefined, secret: string): boolean {
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(secret));
}
