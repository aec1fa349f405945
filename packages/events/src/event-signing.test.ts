import { describe, expect, it } from 'vitest';
import {
  encodeEventPublicKeys,
  EventKeyError,
  generateEventKeyPair,
  parseEventPublicKeys,
  parseEventSigningKey,
} from './event-signing';

describe('event keys', () => {
  it('parses the service:key list the config carries', () => {
    const a = generateEventKeyPair();
    const b = generateEventKeyPair();
    const keys = parseEventPublicKeys(encodeEventPublicKeys({ identity: a.publicKey, patient: b.publicKey }));
    expect([...keys.keys()]).toEqual(['identity', 'patient']);
    expect(keys.get('identity')?.[0]?.asymmetricKeyType).toBe('ed25519');
  });

  it('keeps both keys of a service whose key is rotating', () => {
    const [old, next] = [generateEventKeyPair(), generateEventKeyPair()];
    const keys = parseEventPublicKeys(`patient:${old.publicKey},patient:${next.publicKey}`);
    expect(keys.get('patient')).toHaveLength(2);
  });

  it('rejects a malformed key, a missing service name and a key that is not Ed25519', () => {
    const pair = generateEventKeyPair();
    expect(() => parseEventPublicKeys('identity:bm90LWEta2V5')).toThrow(EventKeyError);
    expect(() => parseEventPublicKeys(pair.publicKey)).toThrow('not service:base64key');
    expect(() => parseEventSigningKey('identity', pair.publicKey)).toThrow(EventKeyError);
  });
});
