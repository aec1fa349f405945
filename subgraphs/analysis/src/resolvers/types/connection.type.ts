import { Field, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type';

/** One page of a Relay cursor connection. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** Builds the GraphQL `<Name>Edge` and `<Name>Connection` types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `A ${name} with its cursor.` })
  class Edge {
    @Field(() => node, { description: `The ${name}.` })
    node: T;

    @Field(() => String, {
      description: 'Opaque position of this item; pass it as `after` to continue from here.',
    })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges: Edge[];

    @Field(() => [node], { description: 'The items of this page.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to get them.' })
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

/** Shapes `first + 1` loaded rows as a page of at most `first`, each with its cursor. */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
