import { gql } from 'graphql-tag';
import { inStock } from './bench-data';
import type { BenchSubgraph } from './bench-subgraph';

interface ProductReference {
  upc: string;
  price?: number;
  weight?: number;
}

export const inventory: BenchSubgraph = {
  typeDefs: gql`
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])

    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }
  `,
  resolvers: {
    Product: {
      __resolveReference: (reference: ProductReference) => reference,
      inStock: ({ upc }: ProductReference) => inStock(upc),
      // Cheap items ship free; otherwise the estimate grows with weight.
      shippingEstimate: ({ price, weight }: ProductReference) =>
        (price ?? 0) > 1000 ? 0 : Math.round((weight ?? 0) * 0.5),
    },
  },
};
