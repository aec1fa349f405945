import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createRequestAuthenticator, traceIdFrom } from '@holovitals/auth';
import { createErrorReporter, parseEventSigningKey, streamErrorDelivery } from '@holovitals/events';
import { activeTraceId } from '@holovitals/telemetry';
import {
  clientAddress,
  close,
  createGraphQLHttpServer,
  createOperationLabeler,
  healthRoutes,
  listen,
  startMetricsServer,
  trustedProxies,
} from '@holovitals/http-server';
import { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { GatewayConfig } from './config';
import { corsHeaders, corsPreflight } from './cors';
import { createGatewayErrorFormatter } from './error-masking';
import { gatewayErrorReportingPlugin, rememberContextTrace } from './error-reporting';
import type { GatewayContext } from './gateway-context';
import { gatewayMetricsPlugin } from './gateway-metrics';
import { startLiveServer } from './live/live-server';
import { operationResolutionPlugin } from './operation-resolution';
import { PrincipalRateLimiter } from './rate-limit';
import { createKeepAliveFetcher } from './keep-alive-fetcher';
import { SubgraphDataSource } from './subgraph-data-source';
import { supergraphFromFile } from './supergraph-file';
import { webhookProxyRoutes } from './webhook-proxy';

export interface RunningGateway {
  url: string;
  port: number;
  /** `/metrics`, on its own listener (METRICS_HOST:METRICS_PORT), not on the public port. */
  metricsUrl: string;
  stop(): Promise<void>;
}

/** Composes the supergraph from its file and serves it with edge auth, limits and rate limiting. */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'gateway' } });
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  // ioredis reconnects by itself; without a listener each failed attempt is printed as "unhandled".
  redis.on('error', (err: Error) => logger.warn({ err }, 'redis connection error'));
  // Bad, expired and revoked tokens end the request here, before any planning.
  const authenticate = createRequestAuthenticator(
    { jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    redis,
  );
  const rateLimiter = new PrincipalRateLimiter(
    redis,
    config.RATE_LIMIT_POINTS,
    config.RATE_LIMIT_WINDOW_SECONDS,
  );
  const fetcher = createKeepAliveFetcher(config.SUBGRAPH_CONNECTIONS);
  const dedupe = new Set(config.GATEWAY_DEDUPE_SUBGRAPHS);
  const isTrustedProxy = trustedProxies(config.TRUSTED_PROXIES);

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.SUPERGRAPH_PATH, logger),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        config.subgraphUrls[name] ?? url ?? '',
        fetcher,
        config.GATEWAY_SECRET,
        dedupe.has(name),
      ),
    logger,
  });

  const armor = new ApolloArmor({
    // Introspection is checked too (a deep __schema query is the easiest bomb); the limits leave room
    // for the standard introspection query that GraphiQL and codegen send.
    maxDepth: { n: config.MAX_DEPTH, ignoreIntrospection: false, flattenFragments: true },
    maxAliases: { n: config.MAX_ALIASES },
    // Introspection is bounded by depth and aliases; its cost by this measure (~90k) would drown real queries.
    costLimit: { maxCost: config.MAX_COST },
    // graphql-js enforces the token limit while parsing (below), answering 400 instead of armor's 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: config.MAX_DIRECTIVES },
    // Partners read the schema through introspection, so suggestions leak nothing they cannot see.
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const operationLabels = {
    known: config.METRICS_OPERATIONS,
    maxSeen: config.METRICS_MAX_OPERATIONS,
    maxLength: config.METRICS_OPERATION_NAME_MAX_LENGTH,
  };
  // No database, so no outbox: reports go straight to the stream, signed with the gateway's own key.
  const reportError = config.EVENT_SIGNING_KEY
    ? createErrorReporter({
        deliver: streamErrorDelivery({
          redis,
          signingKey: parseEventSigningKey('gateway', config.EVENT_SIGNING_KEY),
          streamPrefix: config.EVENT_STREAM_PREFIX,
        }),
        logger,
        perMinute: config.ERROR_REPORTS_PER_MINUTE,
      })
    : null;

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Bearer tokens, not cookies, authenticate; a cross-site form post carries none.
    csrfPrevention: false,
    plugins: [
      ...protection.plugins,
      operationResolutionPlugin,
      gatewayMetricsPlugin(registry, operationLabels),
      ...(reportError
        ? [gatewayErrorReportingPlugin(reportError, createOperationLabeler(operationLabels))]
        : []),
    ],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    formatError: createGatewayErrorFormatter(logger),
  });

  async function context(req: IncomingMessage): Promise<GatewayContext> {
    const traceId = activeTraceId() ?? traceIdFrom(req.headers.traceparent as string | undefined);
    try {
      const ip = clientAddress(req, isTrustedProxy);
      const { principal, accessToken } = await authenticate(req.headers.authorization);
      await rateLimiter.consume(principal ? `principal:${principal.id}` : `ip:${ip ?? 'unknown'}`);
      return { principal, accessToken, traceId, clientIp: ip, userAgent: req.headers['user-agent'] ?? null };
    } catch (error) {
      rememberContextTrace(error, traceId);
      throw error;
    }
  }

  const server = createGraphQLHttpServer({
    apollo,
    context,
    maxBodyBytes: config.MAX_REQUEST_BYTES,
    responseHeaders: corsHeaders(config.CORS_ORIGINS),
    routes: {
      'OPTIONS /graphql': corsPreflight,
      ...healthRoutes('gateway', { redis: async () => (await redis.ping()) === 'PONG' }),
      ...webhookProxyRoutes(config.subgraphUrls, logger),
    },
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: server }));
  await apollo.start();
  const live = startLiveServer({
    server,
    apollo,
    gateway,
    authenticate,
    rateLimiter,
    redisUrl: config.REDIS_URL,
    validationRules: protection.validationRules,
    limits: {
      perConnection: config.LIVE_MAX_PER_CONNECTION,
      perUser: config.LIVE_MAX_PER_USER,
      slotLeaseMs: config.LIVE_SLOT_LEASE_MS,
      maxBufferedBytes: config.LIVE_MAX_BUFFERED_BYTES,
      slowConsumerMs: config.LIVE_SLOW_CONSUMER_MS,
      maxPendingKeys: config.LIVE_MAX_PENDING,
      maxSubscribes: config.LIVE_MAX_SUBSCRIBES,
      subscribeWindowMs: config.LIVE_SUBSCRIBE_WINDOW_MS,
      maxMessageBytes: config.LIVE_MAX_MESSAGE_BYTES,
      keepAliveMs: config.LIVE_KEEP_ALIVE_MS,
      recheckMs: config.LIVE_RECHECK_MS,
      maxTokens: config.MAX_TOKENS,
    },
    registry,
    logger,
  });
  const port = await listen(server, config.PORT, config.HOST);
  const metricsServer = await startMetricsServer(registry, config);
  logger.info({ port, metrics: metricsServer.url }, 'gateway ready');
  return {
    url: `http://${config.HOST}:${port}/graphql`,
    port,
    metricsUrl: metricsServer.url,
    stop: async () => {
      await live.close();
      await close(server);
      await metricsServer.stop();
      await apollo.stop();
      redis.disconnect();
    },
  };
}
