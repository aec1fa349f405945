import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { initDatabase, type Database } from '@holovitals/subgraph-kit';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeyEntity } from '../src/entities/signing-key.entity';
import { CreateIdentity1764072000000 } from '../src/migrations/1764072000000-create-identity';
import { issueAccessToken } from '../src/services/access-tokens';
import { SigningKeys } from '../src/services/signing-keys';
import {
  UnreadableSigningKeyError,
  unreadableSigningKeyPolicy,
} from '../src/services/unreadable-signing-key';
import { createLogger } from '@holovitals/subgraph-kit';

const DAY_MS = 86_400_000;
let testDatabase: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase('identity_keys');
  database = await initDatabase(
    { url: testDatabase.url, entities: [SigningKeyEntity], migrations: [CreateIdentity1764072000000] },
    true,
  );
});
afterAll(async () => {
  await database.dataSource.destroy();
  await testDatabase.drop();
});

describe('signing keys', () => {
  it('rotates after the rotation period and keeps the old key published until its tokens expired', async () => {
    const keys = new SigningKeys(
      database.dataSource,
      { encryptionSecret: 's'.repeat(32), rotationDays: 30, tokenTtlSeconds: 900 },
      () => undefined,
    );
    const first = await keys.rotateIfDue();
    expect((await keys.rotateIfDue()).kid).toBe(first.kid);

    const token = await issueAccessToken(
      keys,
      { issuer: 'i', audience: 'a', ttlSeconds: 900 },
      { subject: 'u1', typ: 'user', roles: [] },
    );
    expect(decodeProtectedHeader(token.token).kid).toBe(first.kid);

    const second = await keys.rotateIfDue(new Date(Date.now() + 31 * DAY_MS));
    expect(second.kid).not.toBe(first.kid);
    const published = (await keys.jwks()).keys.map((key) => key.kid);
    expect(published).toEqual(expect.arrayContaining([first.kid, second.kid]));

    const oldKey = (await keys.jwks()).keys.find((key) => key.kid === first.kid);
    const { payload } = await jwtVerify(token.token, await importJWK(oldKey!, 'ES256'));
    expect(payload.sub).toBe('u1');

    const stored = await database.dataSource
      .getRepository(SigningKeyEntity)
      .findOneByOrFail({ kid: first.kid });
    expect(stored.retiresAt!.getTime() - stored.rotatedAt!.getTime()).toBeGreaterThanOrEqual(900_000);
    expect(stored.privateJwkCiphertext).not.toContain('"d"');
  });

  it('rotates to a fresh key when the stored one cannot be decrypted (KEY_ENCRYPTION_SECRET changed)', async () => {
    const settings = { rotationDays: 30, tokenTtlSeconds: 900 };
    const before = await new SigningKeys(
      database.dataSource,
      { ...settings, encryptionSecret: 'a'.repeat(32) },
      () => undefined,
    ).current();
    const unreadable: string[] = [];
    const keys = new SigningKeys(
      database.dataSource,
      { ...settings, encryptionSecret: 'b'.repeat(32) },
      (kid) => unreadable.push(kid),
    );
    const after = await keys.current();
    expect(unreadable).toEqual([before.kid]);
    expect(after.kid).not.toBe(before.kid);
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual(
      expect.arrayContaining([before.kid, after.kid]),
    );
  });

  it('stops instead of rotating in production when the stored key cannot be decrypted', async () => {
    const settings = { rotationDays: 30, tokenTtlSeconds: 900 };
    const healthy = await new SigningKeys(
      database.dataSource,
      { ...settings, encryptionSecret: 'c'.repeat(32) },
      () => undefined,
    ).current();
    const keysBefore = await database.dataSource.getRepository(SigningKeyEntity).count();
    const misconfigured = new SigningKeys(
      database.dataSource,
      { ...settings, encryptionSecret: 'd'.repeat(32) },
      unreadableSigningKeyPolicy({ NODE_ENV: 'production' }, createLogger('identity', 'silent')),
    );
    const failure = await misconfigured.current().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnreadableSigningKeyError);
    expect((failure as Error).message).toMatch(
      /KEY_ENCRYPTION_SECRET cannot decrypt the current signing key/,
    );
    expect(await database.dataSource.getRepository(SigningKeyEntity).count()).toBe(keysBefore);
    const stillSigning = await database.dataSource
      .getRepository(SigningKeyEntity)
      .findOneByOrFail({ kid: healthy.kid });
    expect(stillSigning.rotatedAt).toBeNull();

    const overridden = new SigningKeys(
      database.dataSource,
      { ...settings, encryptionSecret: 'd'.repeat(32) },
      unreadableSigningKeyPolicy(
        { NODE_ENV: 'production', ROTATE_UNREADABLE_SIGNING_KEY: true },
        createLogger('identity', 'silent'),
      ),
    );
    expect((await overridden.current()).kid).not.toBe(healthy.kid);
  });
});
