import 'reflect-metadata';
import { Directive, Field, ObjectType, type ClassType } from 'type-graphql';

// Relay's PageInfo is the same in every subgraph that pages; @shareable lets them all define it.
@ObjectType('PageInfo', { description: 'Where a page sits in its list (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}

/** One item of a page with its cursor. */
export interface Edge<T> {
  node: T;
  cursor: string;
}

/** One page of a Relay cursor connection. */
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** Builds the GraphQL `<Name>Edge` and `<Name>Connection` types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `A ${name} with its cursor.` })
  class EdgeType {
    @Field(() => node, { description: `The ${name}.` })
    node: T;

    @Field(() => String, {
      description: 'Opaque position of this item; pass it as `after` to continue from here.',
    })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges: EdgeType[];

    @Field(() => [node], { description: 'The items of this page.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to get them.' })
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

/** Shapes edges already cut to the page size as a connection. */
export function connectionFromEdges<T>(edges: Edge<T>[], hasNextPage: boolean): Connection<T> {
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** Shapes `first + 1` loaded rows as a page of at most `first`, each with its cursor. */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T) => string): Connection<T> {
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: cursorOf(node) }));
  return connectionFromEdges(edges, rows.length > first);
}
