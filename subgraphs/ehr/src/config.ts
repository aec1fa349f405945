import { z } from 'zod';

export const ehrConfig = {
  /** How long SMART discovery of a provider may take before it is refused. */
  EHR_DISCOVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
};
