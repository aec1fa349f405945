import { metricsConfigShape } from '@holovitals/http-server';
import { z } from 'zod';

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().default('holovitals-identity'),
  JWT_AUDIENCE: z.string().default('holovitals'),
  GATEWAY_SECRET: z.string().min(16, 'GATEWAY_SECRET must be at least 16 characters'),
  /** Browser origins allowed to call the API (the web app). */
  CORS_ORIGINS: list.default(['http://localhost:3000', 'http://127.0.0.1:3000']),
  /**
   * Peers whose `x-forwarded-for` is believed: addresses or CIDR ranges of the web server (its auth
   * routes forward the browser's address) and of any load balancer in front. See README, Security.
   */
  TRUSTED_PROXIES: list.default(['127.0.0.1', '::1']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** FHIR bundles are uploaded through the gateway, so the limit is generous but finite. */
  MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1_048_576),
  MAX_DEPTH: z.coerce.number().int().positive().default(15),
  MAX_ALIASES: z.coerce.number().int().positive().default(15),
  MAX_COST: z.coerce.number().int().positive().default(100_000),
  MAX_TOKENS: z.coerce.number().int().positive().default(4_000),
  MAX_DIRECTIVES: z.coerce.number().int().positive().default(50),
  /** Requests per principal (or address, when anonymous) per window. */
  RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(1_200),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** Keep-alive connections per subgraph origin. */
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().positive().default(64),
  ...metricsConfigShape,
});

export type GatewayConfig = z.infer<typeof schema> & {
  /** Routing URL overrides, from `SUBGRAPH_<NAME>_URL`. */
  subgraphUrls: Record<string, string>;
};

/** Parsed once at start-up; a bad value stops the gateway with the variable's name. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration for gateway:\n${problems.join('\n')}`);
  }
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match?.[1] && value) subgraphUrls[match[1].toLowerCase()] = z.string().url().parse(value);
  }
  return { ...result.data, subgraphUrls };
}
