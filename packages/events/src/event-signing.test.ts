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
    expect(keys.get('identity')?.asymmetricKeyType).toBe('ed25519');
  });

  it('rejects a malformed key, a duplicate service and a key that is not Ed25519', () => {
    const pair = generateEventKeyPair();
    expect(() => parseEventPublicKeys('identity:bm90LWEta2V5')).toThrow(EventKeyError);
    expect(() => parseEventPublicKeys(`a:${pair.publicKey},a:${pair.publicKey}`)).toThrow('Two public keys');
    expect(() => parseEventPublicKeys(pair.publicKey)).toThrow('not service:base64key');
    expect(() => parseEventSigningKey('identity', pair.publicKey)).toThrow(EventKeyError);
  });
});
