import {
  accessTokenSettings,
  commaList,
  ConfigError,
  errorReportSettings,
  gatewaySecretSettings,
  loadConfig,
  maxRequestBytes,
  port,
  redisSettings,
  runtimeSettings,
} from '@holovitals/config';
import { DEFAULT_STREAM_PREFIX, eventSigningKeySetting } from '@holovitals/events';
import {
  defaultSubgraphUrls,
  SERVICE_REGISTRY,
  servicesOfKind,
  singleService,
  subgraphsWithoutPhi,
} from '@holovitals/service-registry';
import { metricsConfigShape } from '@holovitals/http-server';
import { z } from 'zod';
import { heapGrowingPercent } from './heap-growth';

const webPort = singleService(SERVICE_REGISTRY, 'web').port;

const schema = {
  ...runtimeSettings,
  PORT: port.default(singleService(SERVICE_REGISTRY, 'gateway').port),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  ...redisSettings,
  ...accessTokenSettings,
  ...gatewaySecretSettings,
  /** Browser origins allowed to call the API (the web app). */
  CORS_ORIGINS: commaList.default([`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`]),
  /**
   * Peers whose `x-forwarded-for` is believed: addresses or CIDR ranges of the web server (its auth
   * routes forward the browser's address) and of any load balancer in front. See README, Security.
   */
  TRUSTED_PROXIES: commaList.default(['127.0.0.1', '::1']),
  /** FHIR bundles are uploaded through the gateway, so the limit is generous but finite. */
  MAX_REQUEST_BYTES: maxRequestBytes(20 * 1_048_576),
  MAX_DEPTH: z.coerce.number().int().positive().default(15),
  MAX_ALIASES: z.coerce.number().int().positive().default(15),
  MAX_COST: z.coerce.number().int().positive().default(100_000),
  MAX_TOKENS: z.coerce.number().int().positive().default(4_000),
  MAX_DIRECTIVES: z.coerce.number().int().positive().default(50),
  /** Requests per principal (or address, when anonymous) per window. */
  RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(1_200),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /**
   * Subgraphs whose identical in-flight query fetches share one HTTP call (see README, In-flight deduplication).
   * Default: those the service registry marks as holding no PHI; naming one that holds PHI stops the gateway.
   */
  GATEWAY_DEDUPE_SUBGRAPHS: commaList.default(subgraphsWithoutPhi(SERVICE_REGISTRY)),
  /**
   * How far (%) the heap may grow past the live set before V8 collects it. Applied before anything loads
   * (register-heap-growth.ts); parsed here too so a bad value stops the gateway naming it.
   */
  GATEWAY_HEAP_GROWING_PERCENT: heapGrowingPercent,
  /** Keep-alive connections per subgraph origin. */
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().positive().default(64),
  /** graphql-ws subscriptions (see live/live-server.ts). */
  LIVE_MAX_PER_CONNECTION: z.coerce.number().int().positive().default(20),
  /** Open subscriptions per user across every gateway replica (counted in Redis). */
  LIVE_MAX_PER_USER: z.coerce.number().int().positive().default(50),
  /** How long a user's subscription slot outlives its replica's last renewal (a crashed replica's slots free themselves). */
  LIVE_SLOT_LEASE_MS: z.coerce.number().int().min(300).default(30_000),
  /** Unsent bytes after which a subscriber is a slow consumer and its socket is closed. */
  LIVE_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** How long one event may wait for a subscriber's socket while newer changes arrive before it is closed. */
  LIVE_SLOW_CONSUMER_MS: z.coerce.number().int().positive().default(10_000),
  /** Distinct entities waiting for one subscriber (changes to one entity are merged while they wait). */
  LIVE_MAX_PENDING: z.coerce.number().int().positive().default(100),
  /** Subscribe messages one socket may send per window; more closes it (4529). */
  LIVE_MAX_SUBSCRIBES: z.coerce.number().int().positive().default(100),
  LIVE_SUBSCRIBE_WINDOW_MS: z.coerce.number().int().positive().default(10_000),
  /** Largest graphql-ws message a client may send. */
  LIVE_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(65_536),
  LIVE_KEEP_ALIVE_MS: z.coerce.number().int().positive().default(12_000),
  /** How often each socket's token is checked again, so sign-out and expiry close it. */
  LIVE_RECHECK_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * The gateway's own Ed25519 event key (base64 PKCS#8 DER): it signs the `error.reported` events it publishes.
   * Unset: the gateway's failures are only logged.
   */
  EVENT_SIGNING_KEY: eventSigningKeySetting,
  /** The subgraphs' event stream prefix (their EVENT_STREAM_PREFIX). */
  EVENT_STREAM_PREFIX: z.string().min(1).default(DEFAULT_STREAM_PREFIX),
  ...errorReportSettings,
  ...metricsConfigShape,
};

export type GatewayConfig = z.infer<z.ZodObject<typeof schema>> & {
  /** Where each subgraph is served: the registry's port on localhost unless `SUBGRAPH_<NAME>_URL` says otherwise. */
  subgraphUrls: Record<string, string>;
};

/** Parsed once at start-up; a bad value stops the gateway with the variable's name. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig('gateway', schema, env);
  const subgraphUrls = defaultSubgraphUrls(SERVICE_REGISTRY);
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (!match?.[1] || !value) continue;
    if (!z.string().url().safeParse(value).success)
      throw new ConfigError(`Invalid configuration for gateway:\n  ${key}: Invalid URL`);
    subgraphUrls[match[1].toLowerCase()] = value;
  }
  // A merged read is audited once for two requests, so a subgraph that audits PHI reads is never merged.
  const phiSubgraphs = new Set(
    servicesOfKind(SERVICE_REGISTRY, 'subgraph')
      .map((entry) => entry.name)
      .filter((name) => !subgraphsWithoutPhi(SERVICE_REGISTRY).includes(name)),
  );
  const refused = config.GATEWAY_DEDUPE_SUBGRAPHS.filter((name) => phiSubgraphs.has(name));
  if (refused.length > 0)
    throw new ConfigError(
      `Invalid configuration for gateway:\n  GATEWAY_DEDUPE_SUBGRAPHS: ${refused.join(', ')} hold PHI; their reads are audited per request and are never merged`,
    );
  return { ...config, subgraphUrls };
}
