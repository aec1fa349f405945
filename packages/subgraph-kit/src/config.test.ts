import { encodeEventPublicKeys, generateEventKeyPair } from '@holovitals/events';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const valid = { DATABASE_URL: 'postgres://localhost/db', GATEWAY_SECRET: 'x'.repeat(24) };

describe('loadConfig', () => {
  it('applies defaults and coerces types', () => {
    const config = loadConfig(
      'test',
      { EXTRA: z.coerce.number().default(3) },
      { ...valid, PORT: '4100', EVENTS_ENABLED: 'false' },
    );
    expect(config).toMatchObject({
      PORT: 4100,
      EVENTS_ENABLED: false,
      EXTRA: 3,
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it('names every bad variable', () => {
    const attempt = (): unknown => loadConfig('test', {}, { DATABASE_URL: 'nope', GATEWAY_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL[\s\S]*GATEWAY_SECRET/);
  });

  it('requires an event signing key while events are enabled, and checks the keys it is given', () => {
    expect(() => loadConfig('test', {}, valid)).toThrow(/EVENT_SIGNING_KEY: required while EVENTS_ENABLED/);
    expect(() => loadConfig('test', {}, { ...valid, EVENT_SIGNING_KEY: 'bm90LWEta2V5' })).toThrow(
      /EVENT_SIGNING_KEY: .*not a base64 DER Ed25519 key/,
    );
    expect(() =>
      loadConfig('test', {}, { ...valid, EVENTS_ENABLED: 'false', EVENT_PUBLIC_KEYS: 'compliance' }),
    ).toThrow(/EVENT_PUBLIC_KEYS: .*not service:base64key/);

    const identity = generateEventKeyPair();
    const compliance = generateEventKeyPair();
    const config = loadConfig(
      'test',
      {},
      {
        ...valid,
        EVENT_SIGNING_KEY: identity.privateKey,
        EVENT_PUBLIC_KEYS: encodeEventPublicKeys({
          identity: identity.publicKey,
          compliance: compliance.publicKey,
        }),
      },
    );
    expect([...config.EVENT_PUBLIC_KEYS.keys()]).toEqual(['identity', 'compliance']);
  });
});
