import type { ConsumerHandlers } from '@holovitals/events';
import type { RouteHandler } from '@holovitals/http-server';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { BaseConfig } from './config';
import type { DatabaseOptions } from './data-source';
import type { DomainErrorMapping } from './domain-error';
import type { FederatedSchemaParts } from './federated-schema';
import type { ServiceMetrics } from './metrics';

/** What a subgraph's services, routes and event handlers are built from at start-up. */
export interface SubgraphRuntime<Config> {
  config: BaseConfig & Config;
  logger: Logger;
  dataSource: DataSource;
  redis: Redis;
  metrics: ServiceMetrics;
}

export interface SubgraphDefinition<
  Shape extends z.ZodRawShape = z.ZodRawShape,
  Services = unknown,
> extends FederatedSchemaParts {
  /** Also the schema file name: schema/subgraphs/<name>.graphql. */
  name: string;
  /** Only for a subgraph outside the service registry (tests); listed subgraphs take the registry's port. */
  defaultPort?: number;
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
  /** Extra environment settings, validated once at start with the base ones. */
  config?: Shape;
  services?: (runtime: SubgraphRuntime<z.infer<z.ZodObject<Shape>>>) => Promise<Services> | Services;
  closeServices?: (services: Services) => Promise<void>;
  /** Events this subgraph consumes, read with the consumer group named after the subgraph. */
  eventHandlers?: (
    runtime: SubgraphRuntime<z.infer<z.ZodObject<Shape>>>,
    services: Services,
  ) => ConsumerHandlers;
  /**
   * This subgraph's own typed errors (e.g. PatientError) turned into DomainErrors, once for every resolver,
   * field resolver and `__resolveReference`; errors it returns null for are handled as before.
   */
  mapError?: DomainErrorMapping;
  /** Plain HTTP routes served without the gateway credential (e.g. identity's JWKS). */
  routes?: (
    runtime: SubgraphRuntime<z.infer<z.ZodObject<Shape>>>,
    services: Services,
  ) => Record<string, RouteHandler>;
}

/** Identity function that gives a subgraph definition its types. */
export function defineSubgraph<Shape extends z.ZodRawShape, Services>(
  definition: SubgraphDefinition<Shape, Services>,
): SubgraphDefinition<Shape, Services> {
  return definition;
}
