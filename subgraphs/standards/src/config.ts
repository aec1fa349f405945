import { z } from 'zod';

export const standardsConfig = {
  /** Prefix of every Redis key this subgraph writes (tests give each run its own). */
  STANDARDS_CACHE_PREFIX: z.string().min(1).default('standards:v1:'),
  /** A full standardizeLabResults batch (10,000 results) is about 1.3 MB of JSON. */
  MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1_048_576),
};
