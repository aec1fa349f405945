import { booleanFlag, loadConfig, port } from '@holovitals/config';
import { z } from 'zod';

/**
 * What `npm start` (and the e2e setup) read from the environment, parsed once. Unset DATABASE_URL/REDIS_URL
 * mean "find or start one locally"; the rest of the environment is handed to the services, which parse
 * their own settings with the same config base.
 */
export const stackSettings = {
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Port of the embedded PostgreSQL started when none answers on 5432. */
  EMBEDDED_POSTGRES_PORT: port.default(5433),
  /** Database names are `<prefix>_<database>`. */
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _')
    .default('holovitals'),
  /** Seed the demo users and the demo patient's record. */
  DEMO_MODE: booleanFlag.default(true),
  DEMO_PASSWORD: z.string().min(8).default('holovitals-demo'),
  /**
   * Route analyses to the local OpenAI-protocol stand-in (deterministic, not a real model). Off by default, so
   * the demo's analyses come from the labelled rule analyzer unless MODEL_BASE_URL names a real model server.
   */
  DEMO_MODEL_SERVER: booleanFlag.default(false),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Operation names whose metrics keep their own label; unset: the web app's own operations. */
  METRICS_OPERATIONS: z.string().optional(),
  /** Unset: identity's JWKS at its registry port. */
  JWKS_URL: z.string().url().optional(),
  GATEWAY_SECRET: z.string().min(16, 'GATEWAY_SECRET must be at least 16 characters').optional(),
  /** `requirepass` of the redis-server `npm start` starts when none answers (generated when unset). */
  REDIS_PASSWORD: z.string().min(16, 'REDIS_PASSWORD must be at least 16 characters').optional(),
  /** Signs file upload/download URLs; generated into .data/dev-secrets.json when unset. */
  BLOB_URL_SIGNING_KEY: z.string().min(32, 'BLOB_URL_SIGNING_KEY must be at least 32 characters').optional(),
  KEY_ENCRYPTION_SECRET: z
    .string()
    .min(32, 'KEY_ENCRYPTION_SECRET must be at least 32 characters')
    .optional(),
};

export type StackConfig = z.infer<z.ZodObject<typeof stackSettings>>;

export function loadStackConfig(env: NodeJS.ProcessEnv): StackConfig {
  return loadConfig('npm start', stackSettings, env);
}
