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
});
