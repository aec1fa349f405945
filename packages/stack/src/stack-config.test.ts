import { describe, expect, it } from 'vitest';
import { loadStackConfig } from './stack-config';

describe('npm start configuration', () => {
  it('leaves PostgreSQL and Redis to discovery when unset and seeds the demo by default', () => {
    const config = loadStackConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config).toMatchObject({
      EMBEDDED_POSTGRES_PORT: 5433,
      DATABASE_PREFIX: 'holovitals',
      DEMO_MODE: true,
      DEMO_PASSWORD: 'holovitals-demo',
    });
    expect(loadStackConfig({ DEMO_MODE: 'false' }).DEMO_MODE).toBe(false);
  });

  it('stops with the names of bad variables instead of starting with a guess', () => {
    const attempt = (): unknown =>
      loadStackConfig({ EMBEDDED_POSTGRES_PORT: 'x', DEMO_MODE: 'maybe', DATABASE_PREFIX: 'Bad-Prefix' });
    expect(attempt).toThrow(/npm start[\s\S]*EMBEDDED_POSTGRES_PORT[\s\S]*DATABASE_PREFIX[\s\S]*DEMO_MODE/);
  });
});
