import {
  type BlobContent,
  type BlobPutOptions,
  type BlobStore,
  BlobTooLargeError,
  type StoredBlob,
} from '@holovitals/blob-store';
import type { EnvelopeCipher } from '@holovitals/encryption';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

const MAGIC = Buffer.from('HVB1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class EncryptedBlobError extends Error {
  override readonly name = 'EncryptedBlobError';
}

/** Associated data of a file and of its sealed data key: a blob copied to another key does not decrypt. */
const contextOf = (key: string): string => `documents.blob:${key}`;

/**
 * Encrypts files at rest on any BlobStore, streaming: each file gets a fresh AES-256-GCM data key, sealed by the
 * envelope cipher (master keys from config, rotation as in @holovitals/encryption) and written in a header before
 * the ciphertext; the GCM tag follows it. Size, sha256 and the size limit apply to the plaintext.
 */
export class EncryptedBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly cipher: EnvelopeCipher,
  ) {}

  async put(key: string, source: Readable, options: BlobPutOptions): Promise<StoredBlob> {
    const dataKey = randomBytes(32);
    const iv = randomBytes(IV_BYTES);
    const sealedKey = Buffer.from(this.cipher.encrypt(dataKey, contextOf(key)), 'ascii');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(sealedKey.length);
    const header = Buffer.concat([MAGIC, length, sealedKey, iv]);
    const encryptor = createCipheriv('aes-256-gcm', dataKey, iv);
    dataKey.fill(0);
    encryptor.setAAD(Buffer.from(contextOf(key)));
    const hash = createHash('sha256');
    let size = 0;
    async function* encrypted(): AsyncGenerator<Buffer> {
      yield header;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        hash.update(chunk);
        yield encryptor.update(chunk);
      }
      yield encryptor.final();
      yield encryptor.getAuthTag();
    }
    await this.inner.put(key, Readable.from(encrypted()), {
      maxBytes: options.maxBytes + header.length + TAG_BYTES,
      overwrite: options.overwrite,
    });
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<BlobContent> {
    const stored = await this.inner.get(key);
    const chunks = (stored.stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let pending = Buffer.alloc(0);
    const need = async (bytes: number): Promise<void> => {
      while (pending.length < bytes) {
        const next = await chunks.next();
        if (next.done) throw new EncryptedBlobError(`File ${key} is truncated`);
        pending = Buffer.concat([pending, next.value]);
      }
    };
    await need(MAGIC.length + 2);
    if (!pending.subarray(0, MAGIC.length).equals(MAGIC)) {
      stored.stream.destroy();
      throw new EncryptedBlobError(`File ${key} is not an encrypted blob`);
    }
    const headerLength = MAGIC.length + 2 + pending.readUInt16BE(MAGIC.length) + IV_BYTES;
    await need(headerLength);
    const sealedKey = pending.subarray(MAGIC.length + 2, headerLength - IV_BYTES).toString('ascii');
    const iv = pending.subarray(headerLength - IV_BYTES, headerLength);
    const dataKey = this.cipher.decrypt(sealedKey, contextOf(key));
    const decryptor = createDecipheriv('aes-256-gcm', dataKey, iv);
    dataKey.fill(0);
    decryptor.setAAD(Buffer.from(contextOf(key)));
    let rest = pending.subarray(headerLength);
    async function* plaintext(): AsyncGenerator<Buffer> {
      for (;;) {
        // The last TAG_BYTES of the file are the tag, never ciphertext: always hold them back.
        if (rest.length > TAG_BYTES) {
          yield decryptor.update(rest.subarray(0, rest.length - TAG_BYTES));
          rest = rest.subarray(rest.length - TAG_BYTES);
        }
        const next = await chunks.next();
        if (next.done) break;
        rest = Buffer.concat([rest, next.value]);
      }
      if (rest.length !== TAG_BYTES) throw new EncryptedBlobError(`File ${key} is truncated`);
      decryptor.setAuthTag(rest);
      yield decryptor.final();
    }
    return { size: stored.size - headerLength - TAG_BYTES, stream: Readable.from(plaintext()) };
  }

  async size(key: string): Promise<number | null> {
    const stored = await this.inner.size(key);
    if (stored === null) return null;
    const content = await this.get(key);
    content.stream.destroy();
    return content.size;
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
}

/** Reads a whole (size-limited) file into memory, for the parsers that need random access (PDF, images). */
export async function readBlob(store: BlobStore, key: string): Promise<Buffer> {
  const content = await store.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of content.stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
