import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

/** The monitoring subgraph's own settings, validated with the base ones at start-up. */
export const monitoringConfig = {
  /** Client error reports one caller (user, or client address when signed out) may send per minute. */
  CLIENT_ERRORS_PER_MINUTE: positiveInt.default(20),
  /** Longest range `metrics` and `performance` read, in hours. */
  METRICS_MAX_RANGE_HOURS: positiveInt.default(24 * 7),
};

export type MonitoringConfig = z.infer<z.ZodObject<typeof monitoringConfig>>;

/** What monitoring's resolvers reach through `ctx.services`. */
export interface MonitoringServices {
  config: MonitoringConfig;
}
