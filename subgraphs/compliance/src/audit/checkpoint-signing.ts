import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Signs checkpoints and purge manifests; verification needs only the public half. */
export interface CheckpointSigner {
  keyId: string;
  sign(payload: string): string;
}

/** Public keys that may have signed a checkpoint, by key id (the current one and retired ones). */
export type CheckpointVerifyKeys = ReadonlyMap<string, KeyObject>;

export class CheckpointKeyError extends Error {
  override readonly name = 'CheckpointKeyError';
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointKeyError(`${what} is a ${key.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`);
  }
  return key;
}

/** Key id: the first 16 hex digits of the SHA-256 of the public key (SPKI DER), so it follows from the key. */
export function checkpointKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** PEM as set in an env file may carry its line breaks as `\n`. */
function pem(text: string): string {
  return text.includes('\\n') ? text.replace(/\\n/g, '\n') : text;
}

export function parseCheckpointSigningKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem(text));
  } catch {
    throw new CheckpointKeyError('not a PEM private key (PKCS#8)');
  }
  return ed25519(key, 'the signing key');
}

/** A comma list of base64 SPKI DER or PEM public keys. */
export function parseCheckpointPublicKeys(text: string): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    let key: KeyObject;
    try {
      key = item.includes('BEGIN')
        ? createPublicKey(pem(item))
        : createPublicKey({ key: Buffer.from(item, 'base64'), format: 'der', type: 'spki' });
    } catch {
      throw new CheckpointKeyError('a public key is neither base64 SPKI DER nor PEM');
    }
    keys.set(checkpointKeyId(ed25519(key, 'a public key')), key);
  }
  return keys;
}

export function checkpointSigner(privateKey: KeyObject): CheckpointSigner {
  const keyId = checkpointKeyId(createPublicKey(privateKey));
  return {
    keyId,
    sign: (payload) => sign(null, Buffer.from(payload), privateKey).toString('base64'),
  };
}

/** The public key of a signing key, as base64 SPKI DER (what AUDIT_CHECKPOINT_PUBLIC_KEYS lists). */
export function checkpointPublicKey(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

export type SignatureCheck = 'VALID' | 'INVALID_SIGNATURE' | 'UNKNOWN_KEY';

export function checkSignature(
  keys: CheckpointVerifyKeys,
  keyId: string,
  payload: string,
  signature: string,
): SignatureCheck {
  const key = keys.get(keyId);
  if (!key) return 'UNKNOWN_KEY';
  return verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64'))
    ? 'VALID'
    : 'INVALID_SIGNATURE';
}
