import { loadConfig } from '@holovitals/config';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retentionSettings } from '../config';
import {
  checkpointKeyId,
  checkpointPublicKey,
  checkpointSigner,
  checkSignature,
  parseCheckpointPublicKeys,
  parseCheckpointSigningKey,
} from './checkpoint-signing';

const pem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('checkpoint signing keys', () => {
  it('signs with a PEM key (also with \\n escapes) and verifies with its public key under its derived key id', () => {
    const text = pem();
    const key = parseCheckpointSigningKey(text.replace(/\n/g, '\\n'));
    const signer = checkpointSigner(key);
    expect(signer.keyId).toBe(checkpointKeyId(createPublicKey(key)));
    expect(signer.keyId).toMatch(/^[0-9a-f]{16}$/);
    const keys = parseCheckpointPublicKeys(
      `${checkpointPublicKey(key)}, ${checkpointPublicKey(parseCheckpointSigningKey(pem()))}`,
    );
    expect(keys.size).toBe(2);
    const signature = signer.sign('payload');
    expect(checkSignature(keys, signer.keyId, 'payload', signature)).toBe('VALID');
    expect(checkSignature(keys, signer.keyId, 'payload!', signature)).toBe('INVALID_SIGNATURE');
    expect(checkSignature(keys, 'ffffffffffffffff', 'payload', signature)).toBe('UNKNOWN_KEY');
  });

  it('refuses a key that is not an Ed25519 private key, naming the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    for (const value of ['not a key', rsa.toString()]) {
      expect(() =>
        loadConfig('compliance-worker', retentionSettings, { AUDIT_CHECKPOINT_SIGNING_KEY: value }),
      ).toThrow(/AUDIT_CHECKPOINT_SIGNING_KEY/);
    }
    expect(() => loadConfig('compliance-worker', retentionSettings, {})).toThrow(
      /AUDIT_CHECKPOINT_SIGNING_KEY/,
    );
    expect(() =>
      loadConfig('compliance-worker', retentionSettings, {
        AUDIT_CHECKPOINT_SIGNING_KEY: pem(),
        AUDIT_RETENTION_DAYS: '30',
      }),
    ).toThrow(/AUDIT_RETENTION_DAYS/);
  });
});
