import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlobExistsError,
  BlobNotFoundError,
  type BlobStore,
  BlobTooLargeError,
  InvalidBlobKeyError,
  LocalBlobStore,
  S3BlobStore,
} from '../src';
import { generatedStream, sha256Of } from './blob-test-streams';

const MiB = 1024 * 1024;

interface Driver {
  store: BlobStore;
  /** Every stored object or file, to prove a refused write left nothing behind. */
  listAll(): Promise<string[]>;
}

async function listFiles(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

const drivers: Array<[string, () => Promise<Driver & { close(): Promise<void> }>]> = [
  [
    'local filesystem',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'hv-blobs-'));
      return {
        store: new LocalBlobStore(root),
        listAll: () => listFiles(root),
        close: () => rm(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    'S3-compatible (s3rver)',
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'hv-s3rver-'));
      const server = new S3rver({
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory,
        configureBuckets: [{ name: 'hv-test' }],
      });
      const { port } = await server.run();
      const store = new S3BlobStore({
        bucket: 'hv-test',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
      });
      return {
        store,
        // s3rver does not implement AbortMultipartUpload (real S3 does): its part scratch folder is
        // left out, the object itself must not exist.
        listAll: async () =>
          (await listFiles(join(directory, 'hv-test'))).filter((f) => !f.startsWith('._S3rver_uploads/')),
        close: async () => {
          store.client.destroy();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await rm(directory, { recursive: true, force: true });
        },
      };
    },
  ],
];

describe.each(drivers)('blob store: %s', (_name, open) => {
  let driver: Driver & { close(): Promise<void> };

  beforeAll(async () => {
    driver = await open();
  });
  afterAll(() => driver.close());

  it('streams a 12 MiB file in and out, with its sha256 computed on write', async () => {
    const source = generatedStream(12 * MiB, 7);
    const stored = await driver.store.put('patients/p1/scan.pdf', source.stream, { maxBytes: 20 * MiB });
    expect(stored).toEqual({ key: 'patients/p1/scan.pdf', size: 12 * MiB, sha256: source.sha256() });
    expect(await driver.store.size('patients/p1/scan.pdf')).toBe(12 * MiB);
    const content = await driver.store.get('patients/p1/scan.pdf');
    expect(content.size).toBe(12 * MiB);
    expect(await sha256Of(content.stream)).toEqual({ sha256: stored.sha256, size: 12 * MiB });
  });

  it('refuses to replace an existing file unless asked to', async () => {
    await driver.store.put('once.txt', generatedStream(10).stream, { maxBytes: 100 });
    await expect(driver.store.put('once.txt', generatedStream(20).stream, { maxBytes: 100 })).rejects.toThrow(
      BlobExistsError,
    );
    expect(await driver.store.size('once.txt')).toBe(10);
    await driver.store.put('once.txt', generatedStream(20).stream, { maxBytes: 100, overwrite: true });
    expect(await driver.store.size('once.txt')).toBe(20);
  });

  it('aborts a write past the size limit and keeps nothing of it', async () => {
    const before = await driver.listAll();
    await expect(
      driver.store.put('too/big.bin', generatedStream(8 * MiB).stream, { maxBytes: 6 * MiB }),
    ).rejects.toThrow(BlobTooLargeError);
    expect(await driver.store.size('too/big.bin')).toBeNull();
    expect(await driver.listAll()).toEqual(before);
  });

  it('reports a missing file, deletes, and rejects keys that could escape', async () => {
    await expect(driver.store.get('nothing/here')).rejects.toThrow(BlobNotFoundError);
    await driver.store.put('short-lived', generatedStream(5).stream, { maxBytes: 10 });
    await driver.store.delete('short-lived');
    expect(await driver.store.size('short-lived')).toBeNull();
    for (const key of ['../outside', 'a/../../b', '/abs', 'a//b', '']) {
      await expect(driver.store.put(key, generatedStream(1).stream, { maxBytes: 10 })).rejects.toThrow(
        InvalidBlobKeyError,
      );
    }
  });
});
