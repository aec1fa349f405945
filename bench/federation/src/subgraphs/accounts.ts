import { gql } from 'graphql-tag';
import { users, type BenchUser } from './bench-data';
import type { BenchSubgraph } from './bench-subgraph';

const byId = new Map(users.map((user) => [user.id, user]));

export const accounts: BenchSubgraph = {
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

    type Query {
      me: User
      user(id: ID!): User
      users: [User]
    }

    type User @key(fields: "id") {
      id: ID!
      name: String
      username: String @shareable
      birthDate: String
    }
  `,
  resolvers: {
    Query: {
      me: () => users[0],
      user: (_: unknown, { id }: { id: string }) => byId.get(id) ?? null,
      users: () => users,
    },
    User: {
      __resolveReference: ({ id }: { id: string }): BenchUser | null => byId.get(id) ?? null,
    },
  },
};
