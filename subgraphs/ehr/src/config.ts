import { encryptionConfigShape } from '@holovitals/encryption';
import { booleanFlag, commaList } from '@holovitals/subgraph-kit';
import { queueProducerConfigShape } from '@holovitals/worker-runtime';
import { z } from 'zod';

export const ehrConfig = {
  ...queueProducerConfigShape,
  /** How long SMART discovery of a provider may take before it is refused. */
  EHR_DISCOVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Let addEhrProvider reach loopback/private addresses (Demo Hospital, an in-house FHIR server). */
  EHR_ALLOW_PRIVATE_NETWORK: booleanFlag.default(false),
  /** Origins addEhrProvider may reach although private (comma-separated); `npm start` names Demo Hospital's. */
  EHR_TRUSTED_FHIR_ORIGINS: commaList.default([]),
  /** The web app's origin: the only origin a SMART redirect URI may point at. */
  EHR_APP_ORIGIN: z
    .string()
    .url()
    .transform((value) => new URL(value).origin)
    .default('http://localhost:3000'),
  /** The client id HoloVitals is registered under where a provider names none of its own. */
  EHR_DEFAULT_CLIENT_ID: z.string().min(1).default('holovitals'),
  /** How long a patient has to approve access at the hospital before the authorization request expires. */
  EHR_AUTHORIZATION_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  /**
   * Master key material for sealing OAuth tokens and PKCE verifiers at rest: the key derived from this secret
   * (every deployment has it), plus ENCRYPTION_KEYS for rotation, the active one named by ENCRYPTION_ACTIVE_KEY_ID.
   */
  KEY_ENCRYPTION_SECRET: z.string().min(32, 'KEY_ENCRYPTION_SECRET must be at least 32 characters'),
  ENCRYPTION_KEYS: encryptionConfigShape.ENCRYPTION_KEYS.optional(),
  ENCRYPTION_ACTIVE_KEY_ID: encryptionConfigShape.ENCRYPTION_ACTIVE_KEY_ID.optional(),
};

export type EhrConfig = z.infer<z.ZodObject<typeof ehrConfig>>;
