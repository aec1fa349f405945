import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import {
  accessTokenSettings,
  booleanFlag,
  commaList,
  databaseSettings,
  redisSettings,
  runtimeSettings,
} from './settings';

const shape = { ...runtimeSettings, ...databaseSettings, ...redisSettings, ...accessTokenSettings };

describe('the shared config base', () => {
  it('applies the shared defaults, the JWKS URL at identity’s registry port', () => {
    expect(loadConfig('worker', shape, { DATABASE_URL: 'postgres://localhost/db' })).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://localhost/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
      JWT_ISSUER: 'holovitals-identity',
      JWT_AUDIENCE: 'holovitals',
    });
  });

  it('names every bad or missing variable and the process it belongs to', () => {
    const attempt = (): unknown =>
      loadConfig(
        'worker',
        { ...shape, FLAG: booleanFlag },
        { REDIS_URL: 'nope', LOG_LEVEL: 'loud', FLAG: 'yes' },
      );
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Invalid configuration for worker:/);
    for (const name of ['LOG_LEVEL', 'DATABASE_URL', 'REDIS_URL', 'FLAG'])
      expect(attempt).toThrow(new RegExp(`\\n  ${name}: `));
  });

  it('parses flags and lists the way the environment spells them', () => {
    const config = loadConfig(
      'script',
      { ON: booleanFlag, OFF: booleanFlag, LIST: commaList },
      {
        ON: '1',
        OFF: 'false',
        LIST: ' a, b ,,c',
      },
    );
    expect(config).toEqual({ ON: true, OFF: false, LIST: ['a', 'b', 'c'] });
    expect(() => loadConfig('script', { N: z.coerce.number().int() }, { N: 'x' })).toThrow(/N: /);
  });
});
