import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import {
  close,
  createGraphQLHttpServer,
  createOperationLabeler,
  healthRoutes,
  listen,
  runServiceProcess,
  startMetricsServer,
} from '@holovitals/http-server';
import { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import {
  createRequestAuthenticator,
  GATEWAY_CREDENTIAL_HEADER,
  isGatewayCredentialValid,
  traceIdFrom,
} from '@holovitals/auth';
import { createErrorReporter, outboxErrorDelivery } from '@holovitals/events';
import { activeTraceId } from '@holovitals/telemetry';
import { loadConfig } from './config';
import { closeDatabase, initDatabase, migrationsApplied, type Database } from './data-source';
import type { SubgraphDefinition, SubgraphRuntime } from './define-subgraph';
import { createSubgraphEventBus } from './event-bus';
import { createErrorFormatter } from './error-formatting';
import { errorReportingPlugin } from './error-reporting';
import { buildFederatedSchema } from './federated-schema';
import { LoaderRegistry } from './loader-registry';
import { createLogger } from './logger';
import { createServiceMetrics, metricsPlugin } from './metrics';
import type { RequestContext } from './request-context';
import { defaultSubgraphPort } from './subgraph-port';
import { uncacheableResponsePlugins } from './uncacheable-responses';

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  /** `/metrics`, on its own listener (METRICS_HOST:METRICS_PORT), not on the public port. */
  metricsUrl: string;
  database: Database;
  stop(): Promise<void>;
}

function clientIp(req: IncomingMessage): string | null {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || null;
}

/**
 * Starts one subgraph: config, database and migrations, Redis, outbox relay and event consumers,
 * the federated schema, and an HTTP server that admits only the gateway and verifies every token again.
 */
export async function runSubgraph<Shape extends z.ZodRawShape, Services>(
  definition: SubgraphDefinition<Shape, Services>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningSubgraph> {
  const config = loadConfig(definition.name, definition.config ?? ({} as Shape), env);
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const metrics = createServiceMetrics(definition.name);
  const database = await initDatabase(
    {
      url: config.DATABASE_URL,
      entities: definition.entities,
      migrations: definition.migrations,
      onQueryError: () => metrics.databaseErrors.inc(),
    },
    config.MIGRATIONS_RUN,
  );
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false });
  const runtime: SubgraphRuntime<z.infer<z.ZodObject<Shape>>> = {
    config,
    logger,
    dataSource: database.dataSource,
    redis,
    metrics,
  };
  const services = definition.services ? await definition.services(runtime) : (undefined as Services);

  const eventBus = createSubgraphEventBus({
    service: definition.name,
    config,
    dataSource: database.dataSource,
    redis,
    logger,
    handlers: definition.eventHandlers?.(runtime, services),
    metrics: metrics.registry,
  });

  const { schema } = await buildFederatedSchema(definition);
  const operationLabels = {
    known: config.METRICS_OPERATIONS,
    maxSeen: config.METRICS_MAX_OPERATIONS,
    maxLength: config.METRICS_OPERATION_NAME_MAX_LENGTH,
  };
  // Reports ride the event bus: without it (events disabled) they would pile up in an outbox nobody relays.
  const reportError = eventBus
    ? createErrorReporter({
        deliver: outboxErrorDelivery(definition.name, database.dataSource),
        logger,
        perMinute: config.ERROR_REPORTS_PER_MINUTE,
      })
    : null;
  // Zero trust: the same check as the gateway's, again, on every request.
  const authenticate = createRequestAuthenticator(
    { jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    redis,
  );

  const apollo = new ApolloServer<RequestContext<Services>>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger, definition.mapError),
    // Traces go through OpenTelemetry-style trace ids in logs, not Apollo Studio's inline traces.
    plugins: [
      metricsPlugin(metrics, operationLabels, definition.mapError),
      ...(reportError
        ? [
            errorReportingPlugin<Services>(reportError, {
              mapError: definition.mapError,
              operationLabel: createOperationLabeler(operationLabels),
            }),
          ]
        : []),
      ApolloServerPluginInlineTraceDisabled(),
      ...uncacheableResponsePlugins<RequestContext<Services>>(),
    ],
  });

  async function context(req: IncomingMessage): Promise<RequestContext<Services>> {
    // The http instrumentation continued the caller's trace; without tracing the header is read directly.
    const traceId = activeTraceId() ?? traceIdFrom(req.headers.traceparent as string | undefined);
    const { principal, accessToken } = await authenticate(req.headers.authorization);
    return {
      service: definition.name,
      principal,
      accessToken,
      traceId,
      clientIp: clientIp(req),
      userAgent: req.headers['user-agent'] ?? null,
      logger: logger.child({ traceId }),
      dataSource: database.dataSource,
      redis,
      loaders: new LoaderRegistry(),
      services,
    };
  }

  const server = createGraphQLHttpServer({
    apollo,
    context,
    maxBodyBytes: config.MAX_REQUEST_BYTES,
    admit: (req) =>
      isGatewayCredentialValid(
        req.headers[GATEWAY_CREDENTIAL_HEADER] as string | undefined,
        config.GATEWAY_SECRET,
      )
        ? null
        : { status: 403, code: 'FORBIDDEN', message: 'Subgraphs only answer the gateway.' },
    routes: {
      ...healthRoutes(definition.name, {
        database: async () => (await database.dataSource.query('SELECT 1')).length === 1,
        migrations: () => migrationsApplied(database.dataSource),
        redis: async () => (await redis.ping()) === 'PONG',
      }),
      ...definition.routes?.(runtime, services),
    },
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: server }));
  await apollo.start();
  const port = await listen(server, config.PORT ?? defaultSubgraphPort(definition), config.HOST);
  const metricsServer = await startMetricsServer(metrics.registry, config);
  eventBus?.start();
  logger.info({ port, metrics: metricsServer.url }, `${definition.name} subgraph ready`);

  let stopping: Promise<void> | null = null;
  return {
    name: definition.name,
    url: `http://${config.HOST}:${port}/graphql`,
    port,
    metricsUrl: metricsServer.url,
    database,
    stop: () =>
      (stopping ??= (async () => {
        await close(server);
        await metricsServer.stop();
        await apollo.stop();
        await eventBus?.stop();
        if (definition.closeServices) await definition.closeServices(services);
        await closeDatabase(database);
        redis.disconnect();
      })()),
  };
}

/** For a subgraph's main.ts: run it until SIGTERM/SIGINT. */
export function runSubgraphProcess<Shape extends z.ZodRawShape, Services>(
  definition: SubgraphDefinition<Shape, Services>,
): void {
  runServiceProcess(definition.name, () => runSubgraph(definition));
}
