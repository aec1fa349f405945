import { blobStoreConfigShape } from '@holovitals/blob-store';
import { encryptionConfigShape } from '@holovitals/encryption';
import { modelClientSettings } from '@holovitals/model-client';
import { queueProducerConfigShape } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** The documents subgraph's and its worker's own settings, validated with the base ones at start-up. */
export const documentsConfig = {
  ...blobStoreConfigShape,
  ...queueProducerConfigShape,
  /** Master keys that seal each file's data key; without them a key derived from KEY_ENCRYPTION_SECRET is used. */
  ENCRYPTION_KEYS: encryptionConfigShape.ENCRYPTION_KEYS.optional(),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().optional(),
  /** The secret every HoloVitals process of a deployment shares (the stack generates it). */
  KEY_ENCRYPTION_SECRET: z.string().min(32, 'KEY_ENCRYPTION_SECRET must be at least 32 characters'),
  /** Largest document accepted, in bytes (never more than BLOB_MAX_BYTES). */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /**
   * Where browsers reach this subgraph's /files route (the web app forwards it, so the subgraph itself is not
   * published); signed upload and download URLs point there.
   */
  DOCUMENTS_PUBLIC_URL: z.string().url().optional(),
  /**
   * Where other HoloVitals services reach this subgraph's /files route; confirmation bundle links
   * (`document.processed` bundleRef) point there, never at the public URL. The patient subgraph must trust
   * its origin (DOCUMENT_BUNDLE_ORIGINS).
   */
  DOCUMENTS_INTERNAL_URL: z.string().url().optional(),
  /**
   * Virus scanner run on every upload with the file on stdin (e.g. `clamdscan --no-summary -`); exit 0 is clean,
   * 1 infected, anything else a scanner failure. Unset: files are not scanned and are marked NOT_SCANNED.
   */
  DOCUMENT_SCAN_COMMAND: z.string().min(1).optional(),
  /** Images larger than this many pixels are refused before they are decoded (decompression bombs). */
  DOCUMENT_MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  /** Pages beyond this are not processed; the document fails with a reason instead. */
  DOCUMENT_MAX_PAGES: z.coerce.number().int().positive().default(50),
  /**
   * The language model the worker also extracts with (MODEL_BASE_URL, MODEL_API_KEY, MODEL_NAME, prices, timeout),
   * the same settings as the analysis subgraph's. Unset: the layout rules alone extract.
   */
  ...modelClientSettings,
};

export type DocumentsConfig = z.infer<z.ZodObject<typeof documentsConfig>>;
