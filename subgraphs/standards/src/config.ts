import { z } from 'zod';

export const standardsConfig = {
  /** Prefix of every Redis key this subgraph writes (tests give each run its own). */
  STANDARDS_CACHE_PREFIX: z.string().min(1).default('standards:v1:'),
};
