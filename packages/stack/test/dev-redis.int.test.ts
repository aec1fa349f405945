import { parseEventPublicKeys, parseEventSigningKey } from '@holovitals/events';
import { freePort } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventKeyEnv, loadDevSecrets } from '../src/dev-secrets';
import { ensureRedis, type RedisHandle } from '../src/redis';

const started: RedisHandle[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const handle of started) await handle.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function secretsPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hv-dev-secrets-'));
  dirs.push(dir);
  return join(dir, 'dev-secrets.json');
}

describe('dev secrets', () => {
  it('generates a Redis password and an event key pair per service once, and keeps them', async () => {
    const path = await secretsPath();
    const first = await loadDevSecrets(path, {}, ['identity', 'patient']);
    const again = await loadDevSecrets(path, {}, ['identity', 'patient', 'standards']);

    expect(first.REDIS_PASSWORD).toMatch(/^[0-9a-f]{48}$/);
    expect(again.REDIS_PASSWORD).toBe(first.REDIS_PASSWORD);
    expect(again.EVENT_KEYS.identity).toEqual(first.EVENT_KEYS.identity);
    expect(Object.keys(again.EVENT_KEYS)).toEqual(['identity', 'patient', 'standards']);
    expect((await readFile(path, 'utf8')).length).toBeGreaterThan(0);

    const patientEnv = eventKeyEnv(again, 'patient');
    expect(parseEventSigningKey('patient', patientEnv.EVENT_SIGNING_KEY).privateKey.asymmetricKeyType).toBe(
      'ed25519',
    );
    expect([...parseEventPublicKeys(patientEnv.EVENT_PUBLIC_KEYS).keys()]).toEqual([
      'identity',
      'patient',
      'standards',
    ]);
  });
});

describe('ensureRedis', () => {
  it('starts redis-server with the dev password when none answers, and finds it again next time', async () => {
    const port = await freePort();
    const password = 'a'.repeat(32);
    const handle = await ensureRedis({}, password, () => undefined, port);
    started.push(handle);

    expect(handle.url).toBe(`redis://:${password}@127.0.0.1:${port}`);
    const anonymous = new Redis(`redis://127.0.0.1:${port}`, {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      // The ready check itself would fail with NOAUTH and close the connection before the write is tried.
      enableReadyCheck: false,
    });
    await anonymous.connect();
    await expect(anonymous.set('hv:forged', '1')).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();
    const authenticated = new Redis(handle.url);
    expect(await authenticated.ping()).toBe('PONG');
    await authenticated.quit();

    const again = await ensureRedis({}, password, () => undefined, port);
    expect(again.url).toBe(handle.url);
    await expect(ensureRedis({}, 'b'.repeat(32), () => undefined, port)).rejects.toThrow(
      /requires a password other than/,
    );
  });
});
