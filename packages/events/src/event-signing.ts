import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';

/**
 * Ed25519 keys in the form config carries them: base64 DER (PKCS#8 for a private key, SPKI for a public
 * key), one line each, so they fit in an environment variable.
 */
export interface EncodedEventKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Thrown when a configured key is not an Ed25519 key in the expected encoding. */
export class EventKeyError extends Error {
  override readonly name = 'EventKeyError';
}

export function generateEventKeyPair(): EncodedEventKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new EventKeyError(`${what} is a ${key.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`);
  }
  return key;
}

function decodeKey<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof EventKeyError) throw error;
    throw new EventKeyError(`${what} is not a base64 DER Ed25519 key`, { cause: error });
  }
}

/** The private key a producing service signs its envelopes with. */
export interface EventSigningKey {
  service: string;
  privateKey: KeyObject;
}

export function parseEventSigningKey(service: string, encoded: string): EventSigningKey {
  const what = `The event signing key of ${service}`;
  const privateKey = decodeKey(what, () =>
    createPrivateKey({ key: Buffer.from(encoded, 'base64'), format: 'der', type: 'pkcs8' }),
  );
  return { service, privateKey: ed25519(privateKey, what) };
}

/**
 * Producers' public keys by service name: what a consumer verifies envelopes against. A service has two
 * while its key rotates (consumers learn the new key before the producer signs with it).
 */
export type EventPublicKeys = ReadonlyMap<string, readonly KeyObject[]>;

/** Parses `service:base64key,service:base64key` (base64 has no `:` or `,`); a service may be listed twice. */
export function parseEventPublicKeys(encoded: string): EventPublicKeys {
  const keys = new Map<string, KeyObject[]>();
  for (const item of encoded.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    const separator = item.indexOf(':');
    const service = item.slice(0, separator).trim();
    if (separator <= 0 || service === '') {
      throw new EventKeyError(`"${item.slice(0, 20)}…" is not service:base64key`);
    }
    const what = `The event public key of ${service}`;
    const key = decodeKey(what, () =>
      createPublicKey({ key: Buffer.from(item.slice(separator + 1), 'base64'), format: 'der', type: 'spki' }),
    );
    keys.set(service, [...(keys.get(service) ?? []), ed25519(key, what)]);
  }
  return keys;
}

/** The inverse of `parseEventPublicKeys`, for the stack and tests that hand keys to processes. */
export function encodeEventPublicKeys(publicKeys: Record<string, string>): string {
  return Object.entries(publicKeys)
    .map(([service, key]) => `${service}:${key}`)
    .join(',');
}

/** Signs the exact bytes consumers will read, so no canonical JSON form is needed. */
export function signEnvelope(key: EventSigningKey, envelopeJson: string): string {
  return sign(null, Buffer.from(envelopeJson, 'utf8'), key.privateKey).toString('base64');
}

/** True when any of the source's keys verifies the signature. */
export function envelopeSignatureValid(
  publicKeys: readonly KeyObject[],
  envelopeJson: string,
  signature: string,
): boolean {
  const data = Buffer.from(envelopeJson, 'utf8');
  const signatureBytes = Buffer.from(signature, 'base64');
  return publicKeys.some((publicKey) => {
    try {
      return verify(null, data, publicKey, signatureBytes);
    } catch {
      // OpenSSL rejects some malformed signatures by throwing rather than returning false; both mean "forged".
      return false;
    }
  });
}

/** `EVENT_SIGNING_KEY` as config reads it: optional, and when set an Ed25519 private key in the expected encoding. */
export const eventSigningKeySetting = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    try {
      parseEventSigningKey('this service', value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  });
