import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertBlobKey,
  BlobExistsError,
  type BlobContent,
  BlobNotFoundError,
  type BlobPutOptions,
  type BlobStore,
  type StoredBlob,
} from './blob-store';
import { MeasuredStream } from './measured-stream';

const isCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

/** Blobs as files under one directory; a write lands in a temporary file and appears only when complete. */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, key);
  }

  async put(key: string, source: Readable, options: BlobPutOptions): Promise<StoredBlob> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    const measured = new MeasuredStream(options.maxBytes);
    try {
      await pipeline(source, measured, createWriteStream(partial, { flags: 'wx' }));
      if (options.overwrite) {
        await rename(partial, path);
      } else {
        // link() refuses an existing target atomically; the partial name is removed below.
        await link(partial, path).catch((error: unknown) => {
          throw isCode(error, 'EEXIST') ? new BlobExistsError(key) : error;
        });
      }
      return { key, size: measured.byteCount, sha256: measured.digest() };
    } finally {
      await rm(partial, { force: true });
    }
  }

  async get(key: string): Promise<BlobContent> {
    const path = this.pathOf(key);
    const size = await this.size(key);
    if (size === null) throw new BlobNotFoundError(key);
    return { size, stream: createReadStream(path) };
  }

  async size(key: string): Promise<number | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? info.size : null;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isCode(error, 'ENOENT')) throw error;
    });
  }
}
