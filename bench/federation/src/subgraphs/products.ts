import { gql } from 'graphql-tag';
import { products, type BenchProduct } from './bench-data';
import type { BenchSubgraph } from './bench-subgraph';

const byUpc = new Map(products.map((product) => [product.upc, product]));

export const productsSubgraph: BenchSubgraph = {
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

    type Query {
      topProducts(first: Int = 5): [Product]
    }

    type Product @key(fields: "upc") {
      upc: String!
      name: String
      price: Int
      weight: Int
    }
  `,
  resolvers: {
    Query: {
      topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first),
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }): BenchProduct | null => byUpc.get(upc) ?? null,
    },
  },
};
