import { metricsConfigShape } from '@holovitals/http-server';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Settings every subgraph reads; a subgraph adds its own with `extraConfig`. */
export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Where identity publishes its signing keys. */
  JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().default('holovitals-identity'),
  JWT_AUDIENCE: z.string().default('holovitals'),
  /** Shared secret the gateway sends in `x-gateway-credential`; subgraphs refuse traffic without it. */
  GATEWAY_SECRET: z.string().min(16, 'GATEWAY_SECRET must be at least 16 characters'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_REQUEST_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Run pending migrations at start (the default); production may run them as a separate step. */
  MIGRATIONS_RUN: booleanFlag.default(true),
  /** Relay the outbox to Redis Streams and consume events in this process. */
  EVENTS_ENABLED: booleanFlag.default(true),
  ...metricsConfigShape,
};

export type BaseConfig = z.infer<z.ZodObject<typeof baseConfigShape>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once at start-up. A bad or missing value stops the process with a message
 * that names each offending variable.
 */
export function loadConfig<E extends z.ZodRawShape>(
  service: string,
  extra: E,
  env: NodeJS.ProcessEnv = process.env,
): BaseConfig & z.infer<z.ZodObject<E>> {
  const schema = z.object({ ...baseConfigShape, ...extra });
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration for ${service}:\n${problems.join('\n')}`);
  }
  return result.data as BaseConfig & z.infer<z.ZodObject<E>>;
}

export { booleanFlag };
