import type { Readable } from 'node:stream';

export interface StoredBlob {
  key: string;
  size: number;
  /** Hex sha256 of the bytes as written, computed while streaming. */
  sha256: string;
}

export interface BlobPutOptions {
  /** Writing stops, and nothing is kept, as soon as the stream passes this many bytes. */
  maxBytes: number;
  /** False (the default) refuses to replace an existing blob, so a replayed upload changes nothing. */
  overwrite?: boolean;
}

export interface BlobContent {
  size: number;
  stream: Readable;
}

/** Streaming file storage: no operation holds a whole file in memory. */
export interface BlobStore {
  put(key: string, source: Readable, options: BlobPutOptions): Promise<StoredBlob>;
  /** Throws BlobNotFoundError when there is no such blob. */
  get(key: string): Promise<BlobContent>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`File exceeds ${maxBytes} bytes`);
  }
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(key: string) {
    super(`No file ${key}`);
  }
}

export class BlobExistsError extends Error {
  override readonly name = 'BlobExistsError';
  constructor(key: string) {
    super(`File ${key} already exists`);
  }
}

export class InvalidBlobKeyError extends Error {
  override readonly name = 'InvalidBlobKeyError';
}

/** Segments of letters, digits, `.`, `_`, `-` joined by `/`; never `.` or `..` (no path escape). */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function assertBlobKey(key: string): void {
  const segments = key.split('/');
  if (key.length > 512 || !segments.every((segment) => SEGMENT.test(segment) && !/^\.+$/.test(segment))) {
    throw new InvalidBlobKeyError(`Invalid file key: ${key.slice(0, 64)}`);
  }
}
