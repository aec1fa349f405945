import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { RequestContext } from './request-context';
import { hasRole, type Role } from './role';

const gatewayServedSubscriptions = {
  publish(): void {
    throw new Error('Publish record changes with @holovitals/live-changes.');
  },
  subscribe(): never {
    throw new GraphQLError('Subscribe through the gateway over graphql-ws.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  },
};

/** The Federation version and directives every subgraph links; upgrading Federation is this one change. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override", "@tag", "@interfaceObject"])';

/** Resolves an entity from the key fields another subgraph sent; must batch through ctx.loaders. */
export type ReferenceResolver = (reference: Record<string, unknown>, ctx: RequestContext) => unknown;

export interface FederatedSchemaParts {
  // type-graphql accepts resolver classes of any constructor shape.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references?: Record<string, ReferenceResolver>;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as written to schema/subgraphs/<name>.graphql. */
  sdl: string;
}

/**
 * type-graphql builds the executable types (with `@Authorized` checked against the caller's roles);
 * `buildSubgraphSchema` turns them into a Federation 2 subgraph with `_entities` and `_service`.
 */
export async function buildFederatedSchema(parts: FederatedSchemaParts): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: parts.resolvers,
    orphanedTypes: parts.orphanedTypes ?? [],
    skipCheck: true,
    // One date-time scalar across the supergraph: `Date` fields are `DateTime` (RFC 3339) everywhere.
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: { forbidUnknownValues: false },
    // Subscription fields are declared here (so they compose) but served by the gateway over graphql-ws from
    // Redis change messages (@holovitals/live-changes); a subgraph neither publishes nor subscribes through this.
    pubSub: gatewayServedSubscriptions,
    authChecker: ({ context }: { context: RequestContext }, roles: string[]) =>
      context.principal !== null && (roles.length === 0 || hasRole(context.principal, ...(roles as Role[]))),
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typename, resolveReference] of Object.entries(parts.references ?? {})) {
    const existing = (resolvers[typename] ?? {}) as Record<string, unknown>;
    resolvers[typename] = {
      ...existing,
      __resolveReference: resolveReference,
    } as GraphQLResolverMap<unknown>[string];
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
