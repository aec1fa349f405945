import { blobStorageConfigShape } from '@holovitals/blob-store';
import { z } from 'zod';

/** The patient subgraph's own settings, validated with the base ones at start-up. */
export const patientConfig = {
  /** Where ehr's synced records are read from (the same store the ehr worker writes to). */
  ...blobStorageConfigShape,
  /**
   * Largest FHIR bundle one import accepts, in bytes of JSON. The HTTP body limit (MAX_REQUEST_BYTES) must be at
   * least this large for bundles to reach the importer at all.
   */
  FHIR_IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(20_000_000),
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
};

export type PatientConfig = z.infer<z.ZodObject<typeof patientConfig>>;
