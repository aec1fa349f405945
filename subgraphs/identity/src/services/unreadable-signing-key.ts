import type { Logger } from 'pino';

/** Thrown at start-up when this replica cannot use the signing key its peers sign with. */
export class UnreadableSigningKeyError extends Error {
  override readonly name = 'UnreadableSigningKeyError';
}

/**
 * What SigningKeys does with a current key it cannot decrypt: rotate (development) or stop the
 * process with a message naming the variable (production), so a misconfigured replica never replaces
 * the key every healthy replica is using.
 */
export function unreadableSigningKeyPolicy(
  config: { NODE_ENV: string; ROTATE_UNREADABLE_SIGNING_KEY?: boolean | undefined },
  logger: Logger,
): (kid: string) => void {
  const rotate = config.ROTATE_UNREADABLE_SIGNING_KEY ?? config.NODE_ENV !== 'production';
  return (kid) => {
    if (!rotate) {
      throw new UnreadableSigningKeyError(
        `KEY_ENCRYPTION_SECRET cannot decrypt the current signing key (kid ${kid}). ` +
          'Give this replica the same KEY_ENCRYPTION_SECRET as the others; it will not rotate keys under them. ' +
          'To replace the key on purpose, set ROTATE_UNREADABLE_SIGNING_KEY=true for one start.',
      );
    }
    logger.warn({ kid }, 'signing key cannot be decrypted with KEY_ENCRYPTION_SECRET; rotating to a new key');
  };
}
