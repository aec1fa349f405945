import { z } from 'zod';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { BlobUrlSigner } from './signed-blob-url';

/** Where files are stored: what a process that only reads and writes blobs (a worker) adds to its config shape. */
export const blobStorageConfigShape = {
  BLOB_STORE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Root directory of the local driver; the stack sets it under its data folder. */
  BLOB_STORE_DIR: z.string().min(1).default('.data/blobs'),
  BLOB_S3_BUCKET: z.string().optional(),
  BLOB_S3_ENDPOINT: z.string().url().optional(),
  BLOB_S3_REGION: z.string().default('us-east-1'),
  BLOB_S3_ACCESS_KEY_ID: z.string().optional(),
  BLOB_S3_SECRET_ACCESS_KEY: z.string().optional(),
  BLOB_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
};

/** Settings a service that stores files and hands out signed URLs adds to its config shape. */
export const blobStoreConfigShape = {
  ...blobStorageConfigShape,
  /** HMAC key of signed upload/download URLs. */
  BLOB_URL_SIGNING_KEY: z.string().min(32, 'BLOB_URL_SIGNING_KEY must be at least 32 characters'),
  /** Lifetime of a signed URL. */
  BLOB_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
};

export type BlobStorageConfig = z.infer<z.ZodObject<typeof blobStorageConfigShape>>;
export type BlobStoreConfig = z.infer<z.ZodObject<typeof blobStoreConfigShape>>;

export function createBlobStore(config: BlobStorageConfig): BlobStore {
  if (config.BLOB_STORE_DRIVER === 'local') return new LocalBlobStore(config.BLOB_STORE_DIR);
  const { BLOB_S3_BUCKET, BLOB_S3_ACCESS_KEY_ID, BLOB_S3_SECRET_ACCESS_KEY } = config;
  if (!BLOB_S3_BUCKET || !BLOB_S3_ACCESS_KEY_ID || !BLOB_S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'BLOB_STORE_DRIVER=s3 needs BLOB_S3_BUCKET, BLOB_S3_ACCESS_KEY_ID and BLOB_S3_SECRET_ACCESS_KEY',
    );
  }
  return new S3BlobStore({
    bucket: BLOB_S3_BUCKET,
    endpoint: config.BLOB_S3_ENDPOINT,
    region: config.BLOB_S3_REGION,
    accessKeyId: BLOB_S3_ACCESS_KEY_ID,
    secretAccessKey: BLOB_S3_SECRET_ACCESS_KEY,
  });
}

export const createBlobUrlSigner = (config: BlobStoreConfig): BlobUrlSigner =>
  new BlobUrlSigner(config.BLOB_URL_SIGNING_KEY);
