import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, EnvelopeCipher, keyIdOf, reEncryptColumn, type SqlQuery } from '../src';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const legacyKey = createHash('sha256').update('legacy-secret').digest();

function legacySeal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', legacyKey, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

function legacyOpen(value: string): Buffer {
  const [iv, tag, body] = value.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', legacyKey, iv as Buffer);
  decipher.setAuthTag(tag as Buffer);
  return Buffer.concat([decipher.update(body as Buffer), decipher.final()]);
}

describe('re-encryption of stored rows', () => {
  let database: TestDatabase;
  let client: Client;
  let query: SqlQuery;

  beforeAll(async () => {
    database = await createTestDatabase('reencrypt');
    client = new Client({ connectionString: database.url });
    await client.connect();
    query = async (sql, parameters) => (await client.query(sql, parameters)).rows;
    await client.query('CREATE TABLE secret_note (id text PRIMARY KEY, sealed text NOT NULL)');
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('moves every old row (old master key or legacy format) under the active key, rows still readable', async () => {
    const before = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    for (let i = 0; i < 7; i += 1) {
      const id = `note-${i}`;
      await client.query('INSERT INTO secret_note VALUES ($1, $2)', [
        id,
        i === 6 ? legacySeal(`text ${i}`) : before.encrypt(`text ${i}`, `secret_note:${id}`),
      ]);
    }
    const after = new EnvelopeCipher(createKeyRing([k1, k2], 'k2'));
    const batches: number[] = [];
    const progress = await reEncryptColumn(
      query,
      after,
      {
        table: 'secret_note',
        idColumn: 'id',
        valueColumn: 'sealed',
        context: (id) => `secret_note:${id}`,
        decryptLegacy: legacyOpen,
      },
      { batchSize: 3, onBatch: (p) => void batches.push(p.reEncrypted) },
    );
    expect(progress).toEqual({ reEncrypted: 7, skipped: 0, unreadable: 0 });
    expect(batches).toEqual([3, 6, 7]);
    const rows = (await client.query('SELECT id, sealed FROM secret_note ORDER BY id')).rows as Array<{
      id: string;
      sealed: string;
    }>;
    expect(rows.every((row) => keyIdOf(row.sealed) === 'k2')).toBe(true);
    const onlyNewKey = new EnvelopeCipher(createKeyRing([k2], 'k2'));
    expect(rows.map((row) => onlyNewKey.decryptString(row.sealed, `secret_note:${row.id}`))).toEqual(
      Array.from({ length: 7 }, (_, i) => `text ${i}`),
    );
    // A second run finds nothing left to do.
    expect(
      await reEncryptColumn(query, after, {
        table: 'secret_note',
        idColumn: 'id',
        valueColumn: 'sealed',
        context: (id) => `secret_note:${id}`,
      }),
    ).toEqual({ reEncrypted: 0, skipped: 0, unreadable: 0 });
  });

  it('reports and skips a row no key decrypts when asked to, and stops on it otherwise', async () => {
    const stranger = new EnvelopeCipher(createKeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1'));
    await client.query('INSERT INTO secret_note VALUES ($1, $2)', [
      'note-x',
      stranger.encrypt('unknown key', 'secret_note:note-x'),
    ]);
    const cipher = new EnvelopeCipher(createKeyRing([k1, k2], 'k2'));
    const target = {
      table: 'secret_note',
      idColumn: 'id',
      valueColumn: 'sealed',
      context: (id: string) => `secret_note:${id}`,
    };
    await expect(reEncryptColumn(query, cipher, target)).rejects.toThrow(/does not unwrap/);
    const unreadable: string[] = [];
    expect(
      await reEncryptColumn(query, cipher, target, { onUnreadable: (id) => void unreadable.push(id) }),
    ).toEqual({ reEncrypted: 0, skipped: 0, unreadable: 1 });
    expect(unreadable).toEqual(['note-x']);
  });

  it('refuses table or column names that are not plain identifiers', async () => {
    const cipher = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    await expect(
      reEncryptColumn(query, cipher, {
        table: 'secret_note; DROP TABLE secret_note',
        idColumn: 'id',
        valueColumn: 'sealed',
        context: (id) => id,
      }),
    ).rejects.toThrow(/plain SQL identifier/);
  });
});
