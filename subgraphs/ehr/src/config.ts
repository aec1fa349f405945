import { booleanFlag } from '@holovitals/subgraph-kit';
import { z } from 'zod';

export const ehrConfig = {
  /** How long SMART discovery of a provider may take before it is refused. */
  EHR_DISCOVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Let addEhrProvider reach loopback/private addresses (Demo Hospital, an in-house FHIR server). */
  EHR_ALLOW_PRIVATE_NETWORK: booleanFlag.default(false),
};
