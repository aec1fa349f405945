import { metricsConfigShape } from '@holovitals/http-server';
import {
  accessTokenSettings,
  booleanFlag,
  commaList,
  databaseSettings,
  errorReportSettings,
  gatewaySecretSettings,
  loadConfig as loadSettings,
  maxRequestBytes,
  port,
  redisSettings,
  runtimeSettings,
} from '@holovitals/config';
import type { z } from 'zod';
import { eventConfigShape, requireEventSigningKey } from './event-config';

/** Settings every subgraph reads (the shared config base plus the kit's own); a subgraph adds its own with `extraConfig`. */
export const baseConfigShape = {
  ...runtimeSettings,
  /** Unset: the subgraph's port in the service registry. */
  PORT: port.optional(),
  ...databaseSettings,
  ...redisSettings,
  ...accessTokenSettings,
  ...gatewaySecretSettings,
  MAX_REQUEST_BYTES: maxRequestBytes(1_048_576),
  /** Run pending migrations at start (the default); production may run them as a separate step. */
  MIGRATIONS_RUN: booleanFlag.default(true),
  /** Relay the outbox to Redis Streams and consume events in this process. */
  EVENTS_ENABLED: booleanFlag.default(true),
  ...errorReportSettings,
  ...eventConfigShape,
  ...metricsConfigShape,
};

export type BaseConfig = z.infer<z.ZodObject<typeof baseConfigShape>>;

/**
 * Parses the environment once at start-up. A bad or missing value stops the process with a message
 * that names each offending variable.
 */
export function loadConfig<E extends z.ZodRawShape>(
  service: string,
  extra: E,
  env: NodeJS.ProcessEnv = process.env,
): BaseConfig & z.infer<z.ZodObject<E>> {
  return loadSettings(service, { ...baseConfigShape, ...extra }, env, requireEventSigningKey) as BaseConfig &
    z.infer<z.ZodObject<E>>;
}

export { booleanFlag, commaList };
export { ConfigError } from '@holovitals/config';
