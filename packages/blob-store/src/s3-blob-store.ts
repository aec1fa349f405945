import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertBlobKey,
  BlobExistsError,
  type BlobContent,
  BlobNotFoundError,
  type BlobPutOptions,
  type BlobStore,
  BlobTooLargeError,
  type StoredBlob,
} from './blob-store';
import { MeasuredStream } from './measured-stream';

export interface S3BlobStoreOptions {
  bucket: string;
  /** S3-compatible endpoint (MinIO, Ceph, a local server); omitted for AWS itself. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

/**
 * Blobs in an S3-compatible bucket. Uploads stream as multipart parts (at most one 5 MiB part held at
 * a time); past the size limit the upload is aborted and its parts are removed.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.endpoint !== undefined,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The sha256 is ours; S3-compatible servers differ in which extra checksums they accept.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, source: Readable, options: BlobPutOptions): Promise<StoredBlob> {
    assertBlobKey(key);
    if (!options.overwrite && (await this.size(key)) !== null) throw new BlobExistsError(key);
    const measured = new MeasuredStream(options.maxBytes);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: key, Body: measured },
      queueSize: 1,
      leavePartsOnError: false,
    });
    const reading = pipeline(source, measured);
    try {
      await Promise.all([reading, upload.done()]);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      const tooLarge = await reading.then(
        () => null,
        (readError: unknown) => (readError instanceof BlobTooLargeError ? readError : null),
      );
      // A single-part upload may have completed before the limit was hit: remove what was written.
      if (tooLarge) await this.delete(key).catch(() => undefined);
      throw tooLarge ?? error;
    }
    return { key, size: measured.byteCount, sha256: measured.digest() };
  }

  async get(key: string): Promise<BlobContent> {
    assertBlobKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error('S3 returned a body that is not a Node stream');
      return { size: object.ContentLength ?? 0, stream: object.Body };
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    assertBlobKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }
}
