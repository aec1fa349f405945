import { z } from 'zod';

/** The patient subgraph's own settings, validated with the base ones at start-up. */
export const patientConfig = {
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
};

export type PatientConfig = z.infer<z.ZodObject<typeof patientConfig>>;
