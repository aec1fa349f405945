import {
  GATEWAY_CREDENTIAL_HEADER,
  REVOCATION_READY_KEY,
  runSubgraph,
  type SubgraphDefinition,
} from '@holovitals/subgraph-kit';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { graphqlRequest, type GraphQLRequestOptions, type GraphQLResponse } from './graphql-request';
import { testEventKeyEnv } from './test-event-keys';
import { createTestDatabase } from './test-database';
import type { TestIssuer } from './test-issuer';

export interface TestSubgraph {
  url: string;
  metricsUrl: string;
  gatewaySecret: string;
  dataSource: DataSource;
  /** Where this subgraph's events go and where it reads them (its own prefix unless the options share one). */
  redisUrl: string;
  eventStreamPrefix: string;
  /** SQL statements run so far on this subgraph's data source. */
  queryCount(): number;
  /** Sends an operation as the gateway would (with its credential). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: GraphQLRequestOptions,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface TestSubgraphOptions {
  /** Signs test tokens; omit for identity, which verifies its own (set JWKS_URL in env). */
  issuer?: TestIssuer;
  port?: number;
  env?: Record<string, string>;
  redisUrl?: string;
  /** Give subgraphs that must exchange events the same prefix; by default each gets its own. */
  eventStreamPrefix?: string;
}

/**
 * The test issuer stands in for identity, and identity also keeps the revocation cache ready (readers
 * refuse every token while it is not). `NX`: a real identity's sentinel is left as it is.
 */
async function markRevocationCacheReady(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    await redis.set(REVOCATION_READY_KEY, String(Date.now()), 'NX');
  } finally {
    redis.disconnect();
  }
}

/** Runs a subgraph on an ephemeral port over its own fresh database, exactly as in production. */
export async function startTestSubgraph<Shape extends z.ZodRawShape, Services>(
  definition: SubgraphDefinition<Shape, Services>,
  options: TestSubgraphOptions,
): Promise<TestSubgraph> {
  const database = await createTestDatabase(definition.name);
  const gatewaySecret = randomBytes(24).toString('hex');
  const eventStreamPrefix = options.eventStreamPrefix ?? `hv:test:events:${randomBytes(4).toString('hex')}:`;
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (options.issuer) await markRevocationCacheReady(redisUrl);
  const running = await runSubgraph(definition, {
    NODE_ENV: 'test',
    PORT: String(options.port ?? 0),
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    ...(options.issuer ? { JWKS_URL: options.issuer.jwksUrl } : {}),
    GATEWAY_SECRET: gatewaySecret,
    LOG_LEVEL: 'silent',
    ...testEventKeyEnv(definition.name),
    EVENT_STREAM_PREFIX: eventStreamPrefix,
    ...options.env,
  });
  return {
    url: running.url,
    metricsUrl: running.metricsUrl,
    gatewaySecret,
    dataSource: running.database.dataSource,
    redisUrl,
    eventStreamPrefix,
    queryCount: () => running.database.queries.total,
    graphql: (query, variables, requestOptions = {}) =>
      graphqlRequest(running.url, query, variables, {
        ...requestOptions,
        headers: { [GATEWAY_CREDENTIAL_HEADER]: gatewaySecret, ...requestOptions.headers },
      }),
    stop: async () => {
      await running.stop();
      await database.drop();
    },
  };
}
