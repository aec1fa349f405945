import { blobStorageConfigShape } from '@holovitals/blob-store';
import { commaList } from '@holovitals/subgraph-kit';
import { z } from 'zod';

/** An http(s) origin such as `http://documents:4008`, kept as its normalized origin (no path, no slash). */
const trustedOrigin = z
  .string()
  .url()
  .refine((value) => /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL')
  .transform((value) => new URL(value).origin);

/** The patient subgraph's own settings, validated with the base ones at start-up. */
export const patientConfig = {
  /** Where ehr's synced records are read from (the same store the ehr worker writes to). */
  ...blobStorageConfigShape,
  /**
   * Largest FHIR bundle one import accepts, in bytes of JSON. The HTTP body limit (MAX_REQUEST_BYTES) must be at
   * least this large for bundles to reach the importer at all.
   */
  FHIR_IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(20_000_000),
  /** Resources an EHR sync imports per chunk: the synced NDJSON is streamed, never held whole in memory. */
  EHR_SYNC_IMPORT_CHUNK: z.coerce.number().int().positive().default(500),
  /** Bundles arrive inside GraphQL requests, so the body limit is the bundle limit plus room for the envelope. */
  MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(21 * 1_048_576),
  /** Bundle imports one user may run at once; more are refused with RATE_LIMITED (held in Redis, all replicas). */
  FHIR_IMPORT_MAX_CONCURRENT_PER_USER: z.coerce.number().int().positive().default(2),
  /** How long an import slot outlives a replica that died without freeing it; longer than any import takes. */
  FHIR_IMPORT_SLOT_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  /**
   * Origins (comma-separated) of the documents subgraph's /files route as this subgraph reaches it. A
   * `document.processed` bundleRef is fetched with the deployment's internal credential, so only these origins
   * are asked; any other is refused and logged. Empty (the default) trusts none; `npm start` and compose set it.
   */
  DOCUMENT_BUNDLE_ORIGINS: commaList.pipe(z.array(trustedOrigin)).default([]),
};

export type PatientConfig = z.infer<z.ZodObject<typeof patientConfig>>;
