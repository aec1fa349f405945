import { BlobTooLargeError, LocalBlobStore } from '@holovitals/blob-store';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { documentCipher } from './document-cipher';
import { EncryptedBlobStore, readBlob } from './encrypted-blob-store';

const dir = mkdtempSync(join(tmpdir(), 'hv-encrypted-blobs-'));
const store = new EncryptedBlobStore(
  new LocalBlobStore(dir),
  documentCipher({ KEY_ENCRYPTION_SECRET: 's'.repeat(40) }),
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Several chunks, so the tag hold-back crosses chunk boundaries. */
const chunked = (bytes: Buffer): Readable =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 7000) }, (_, i) =>
      bytes.subarray(i * 7000, (i + 1) * 7000),
    ),
  );

describe('encrypted blob store', () => {
  it('stores ciphertext only and reads back the plaintext with its size and sha256', async () => {
    const plain = Buffer.concat([Buffer.from('%PDF-1.7 Glucose 98 mg/dL '), randomBytes(50_000)]);
    const stored = await store.put('documents/a', chunked(plain), { maxBytes: 100_000 });
    expect(stored).toEqual({
      key: 'documents/a',
      size: plain.length,
      sha256: createHash('sha256').update(plain).digest('hex'),
    });
    const raw = readFileSync(join(dir, 'documents', 'a'));
    expect(raw.includes(Buffer.from('Glucose'))).toBe(false);
    expect((await store.get('documents/a')).size).toBe(plain.length);
    expect((await readBlob(store, 'documents/a')).equals(plain)).toBe(true);
  });

  it('refuses a file over the limit on its plaintext size and keeps nothing', async () => {
    await expect(
      store.put('documents/big', chunked(randomBytes(20_000)), { maxBytes: 10_000 }),
    ).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.size('documents/big')).toBeNull();
  });

  it('fails to read a tampered file or one moved to another key', async () => {
    await store.put('documents/b', chunked(Buffer.from('lab report text')), { maxBytes: 1000 });
    const path = join(dir, 'documents', 'b');
    const raw = readFileSync(path);
    raw[raw.length - 20] = (raw[raw.length - 20] as number) ^ 1;
    writeFileSync(path, raw);
    await expect(readBlob(store, 'documents/b')).rejects.toThrow();
    await store.put('documents/c', chunked(Buffer.from('another report')), { maxBytes: 1000 });
    writeFileSync(join(dir, 'documents', 'd'), readFileSync(join(dir, 'documents', 'c')));
    await expect(readBlob(store, 'documents/d')).rejects.toThrow();
  });
});
