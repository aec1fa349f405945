export {
  assertBlobKey,
  BlobExistsError,
  BlobNotFoundError,
  BlobTooLargeError,
  InvalidBlobKeyError,
  type BlobContent,
  type BlobPutOptions,
  type BlobStore,
  type StoredBlob,
} from './blob-store';
export {
  blobStorageConfigShape,
  blobStoreConfigShape,
  createBlobStore,
  createBlobUrlSigner,
  type BlobStorageConfig,
  type BlobStoreConfig,
} from './blob-store-config';
export {
  blobRoutes,
  type BlobAccessOutcome,
  type BlobAuditEvent,
  type BlobRouteOptions,
} from './blob-routes';
export { LocalBlobStore } from './local-blob-store';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store';
export { BlobUrlSigner, InvalidBlobUrlError, type BlobGrant, type BlobOperation } from './signed-blob-url';
