import { type BlobStore, BlobUrlSigner, createBlobStore } from '@holovitals/blob-store';
import { createChangePublisher, type ChangePublisher } from '@holovitals/live-changes';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import { QueueProducer } from '@holovitals/worker-runtime';
import type { DocumentsConfig } from './config';
import { documentCipher } from './storage/document-cipher';
import { EncryptedBlobStore } from './storage/encrypted-blob-store';
import { commandVirusScanner, noVirusScanner, type VirusScanner } from './storage/virus-scan';

/** What the documents subgraph's resolvers, routes and handlers get on `ctx.services`, built once at start-up. */
export interface DocumentsServices {
  config: DocumentsConfig & { GATEWAY_SECRET: string };
  store: BlobStore;
  signer: BlobUrlSigner;
  producer: QueueProducer;
  scanner: VirusScanner;
  changes: ChangePublisher;
  /** Base URL of this subgraph's /files route, as clients reach it. */
  filesUrl: string;
  /** Base URL of this subgraph's /files route, as other services reach it (confirmation bundles). */
  internalFilesUrl: string;
}

const registryPort = SERVICE_REGISTRY.find((entry) => entry.name === 'documents')?.port ?? 4008;

export const FILES_PATH = '/files';

/** Encrypted file storage over the configured driver: the subgraph and its worker read the same files. */
export function documentStore(config: DocumentsConfig): BlobStore {
  return new EncryptedBlobStore(createBlobStore(config), documentCipher(config));
}

export function createDocumentsServices(runtime: SubgraphRuntime<DocumentsConfig>): DocumentsServices {
  const { config } = runtime;
  const local = `http://127.0.0.1:${config.PORT ?? registryPort}`;
  const base = config.DOCUMENTS_PUBLIC_URL ?? local;
  const internal = config.DOCUMENTS_INTERNAL_URL ?? local;
  return {
    config,
    store: documentStore(config),
    signer: new BlobUrlSigner(config.BLOB_URL_SIGNING_KEY),
    producer: new QueueProducer({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
    scanner: config.DOCUMENT_SCAN_COMMAND
      ? commandVirusScanner(config.DOCUMENT_SCAN_COMMAND)
      : noVirusScanner,
    changes: createChangePublisher(runtime.redis),
    filesUrl: `${base.replace(/\/$/, '')}${FILES_PATH}`,
    internalFilesUrl: `${internal.replace(/\/$/, '')}${FILES_PATH}`,
  };
}
