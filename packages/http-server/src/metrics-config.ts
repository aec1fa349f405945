import { commaList } from '@holovitals/config';
import { z } from 'zod';

/**
 * Where `/metrics` is served and which operation names it labels; part of every service's config.
 * Metrics have their own listener, loopback by default, never the public one; a token can guard it
 * when the listener must be reachable from another host (Prometheus in compose or Kubernetes).
 */
export const metricsConfigShape = {
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** 0 picks a free port (tests); `npm start` and compose set fixed ones. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** When set, scrapes must send `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** Operation names our own clients use: always their own series. */
  METRICS_OPERATIONS: commaList.default([]),
  /** Further operation names that get their own series, first come; the rest are `other`. */
  METRICS_MAX_OPERATIONS: z.coerce.number().int().min(0).default(100),
  METRICS_OPERATION_NAME_MAX_LENGTH: z.coerce.number().int().positive().default(64),
};

export type MetricsConfig = z.infer<z.ZodObject<typeof metricsConfigShape>>;
