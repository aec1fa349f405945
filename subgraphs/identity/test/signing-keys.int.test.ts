import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { initDatabase, type Database } from '@holovitals/subgraph-kit';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeyEntity } from '../src/entities/signing-key.entity';
import { CreateIdentity1764072000000 } from '../src/migrations/1764072000000-create-identity';
import { issueAccessToken } from '../src/services/access-tokens';
import { keyIdOf } from '@holovitals/encryption';
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { reEncryptSigningKeys, SECRET_MASTER_KEY_ID, signingKeyCipher } from '../src/services/key-encryption';
import { legacySeal } from './legacy-key-format';
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
      {
        cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: 's'.repeat(32) }),
        rotationDays: 30,
        tokenTtlSeconds: 900,
      },
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
      { ...settings, cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: 'a'.repeat(32) }) },
      () => undefined,
    ).current();
    const unreadable: string[] = [];
    const keys = new SigningKeys(
      database.dataSource,
      { ...settings, cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: 'b'.repeat(32) }) },
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
      { ...settings, cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: 'c'.repeat(32) }) },
      () => undefined,
    ).current();
    const keysBefore = await database.dataSource.getRepository(SigningKeyEntity).count();
    const misconfigured = new SigningKeys(
      database.dataSource,
      { ...settings, cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: 'd'.repeat(32) }) },
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
      { ...settings, cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: 'd'.repeat(32) }) },
      unreadableSigningKeyPolicy(
        { NODE_ENV: 'production', ROTATE_UNREADABLE_SIGNING_KEY: true },
        createLogger('identity', 'silent'),
      ),
    );
    expect((await overridden.current()).kid).not.toBe(healthy.kid);
  });

  it('keeps a key stored in the pre-envelope format: re-encrypts it once, then signs with it', async () => {
    await database.dataSource.query('DELETE FROM signing_key');
    const secret = 'c'.repeat(32);
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const repository = database.dataSource.getRepository(SigningKeyEntity);
    await repository.save(
      repository.create({
        kid: 'legacy-kid',
        publicJwk: { ...(await exportJWK(publicKey)), kid: 'legacy-kid', alg: 'ES256', use: 'sig' },
        privateJwkCiphertext: legacySeal(JSON.stringify(await exportJWK(privateKey)), secret),
        rotatedAt: null,
        retiresAt: null,
      }),
    );
    const cipher = signingKeyCipher({ KEY_ENCRYPTION_SECRET: secret });
    const unreadable: string[] = [];
    expect(
      await reEncryptSigningKeys(database.dataSource, cipher, secret, (kid) => unreadable.push(kid)),
    ).toEqual({ reEncrypted: 1, skipped: 0, unreadable: 0 });
    const stored = await repository.findOneByOrFail({ kid: 'legacy-kid' });
    expect(keyIdOf(stored.privateJwkCiphertext)).toBe(SECRET_MASTER_KEY_ID);
    const keys = new SigningKeys(
      database.dataSource,
      { cipher, rotationDays: 30, tokenTtlSeconds: 900 },
      (kid) => unreadable.push(kid),
    );
    expect((await keys.current()).kid).toBe('legacy-kid');
    expect(unreadable).toEqual([]);
    // A second start finds nothing left in the old format.
    expect(
      (await reEncryptSigningKeys(database.dataSource, cipher, secret, () => undefined)).reEncrypted,
    ).toBe(0);
  });

  it('moves stored keys to a new ENCRYPTION_ACTIVE_KEY_ID and keeps signing with the same key', async () => {
    await database.dataSource.query('DELETE FROM signing_key');
    const secret = 'd'.repeat(32);
    const settings = { rotationDays: 30, tokenTtlSeconds: 900 };
    const before = await new SigningKeys(
      database.dataSource,
      { ...settings, cipher: signingKeyCipher({ KEY_ENCRYPTION_SECRET: secret }) },
      () => undefined,
    ).current();
    const rotated = signingKeyCipher({
      KEY_ENCRYPTION_SECRET: secret,
      ENCRYPTION_KEYS: [{ id: 'k2', key: randomBytes(32) }],
      ENCRYPTION_ACTIVE_KEY_ID: 'k2',
    });
    expect(
      (await reEncryptSigningKeys(database.dataSource, rotated, secret, () => undefined)).reEncrypted,
    ).toBe(1);
    const stored = await database.dataSource
      .getRepository(SigningKeyEntity)
      .findOneByOrFail({ kid: before.kid });
    expect(keyIdOf(stored.privateJwkCiphertext)).toBe('k2');
    const after = await new SigningKeys(
      database.dataSource,
      { ...settings, cipher: rotated },
      () => undefined,
    ).current();
    expect(after.kid).toBe(before.kid);
  });
});
