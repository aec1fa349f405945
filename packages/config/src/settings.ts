import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { z } from 'zod';

/** `true`/`false`/`1`/`0`, as environment variables spell booleans. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** A comma-separated list. */
export const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

export const port = z.coerce.number().int().min(0).max(65535);

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

const identityPort = SERVICE_REGISTRY.find((entry) => entry.name === 'identity')?.port;

/** Every process: how it runs and logs, and where it listens. */
export const runtimeSettings = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
};

/** Processes that own a database (subgraphs, their workers, their scripts). */
export const databaseSettings = {
  DATABASE_URL: z.string().url(),
};

export const redisSettings = {
  REDIS_URL: z.string().url().default(LOCAL_REDIS_URL),
};

/** Processes that verify access tokens (the gateway at the edge, every subgraph again). */
export const accessTokenSettings = {
  /** Where identity publishes its signing keys. */
  JWKS_URL: z.string().url().default(`http://127.0.0.1:${identityPort}/.well-known/jwks.json`),
  JWT_ISSUER: z.string().default('holovitals-identity'),
  JWT_AUDIENCE: z.string().default('holovitals'),
};

/** Shared secret the gateway sends in `x-gateway-credential`; subgraphs refuse traffic without it. */
export const gatewaySecretSettings = {
  GATEWAY_SECRET: z.string().min(16, 'GATEWAY_SECRET must be at least 16 characters'),
};

/** Unexpected errors one process reports to monitoring (`error.reported`) per minute; the rest are only logged. */
export const errorReportSettings = {
  ERROR_REPORTS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
};

/** Largest request body a process accepts, in bytes. */
export const maxRequestBytes = (defaultBytes: number) =>
  z.coerce.number().int().positive().default(defaultBytes);
