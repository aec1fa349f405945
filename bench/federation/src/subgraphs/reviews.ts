import { gql } from 'graphql-tag';
import { reviews, users, type BenchReview } from './bench-data';
import type { BenchSubgraph } from './bench-subgraph';

const byId = new Map(reviews.map((review) => [review.id, review]));
const usernames = new Map(users.map((user) => [user.id, user.username]));

function group(key: (review: BenchReview) => string): Map<string, BenchReview[]> {
  const groups = new Map<string, BenchReview[]>();
  for (const review of reviews) groups.set(key(review), [...(groups.get(key(review)) ?? []), review]);
  return groups;
}
const byAuthor = group((review) => review.authorId);
const byProduct = group((review) => review.productUpc);

export const reviewsSubgraph: BenchSubgraph = {
  typeDefs: gql`
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.7"
        import: ["@key", "@external", "@provides", "@shareable"]
      )

    type Review @key(fields: "id") {
      id: ID!
      body: String
      author: User @provides(fields: "username")
      product: Product
    }

    type User @key(fields: "id") {
      id: ID!
      username: String @external
      reviews: [Review]
    }

    type Product @key(fields: "upc") {
      upc: String!
      reviews: [Review]
    }
  `,
  resolvers: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => byId.get(id) ?? null,
      author: (review: BenchReview) => ({ id: review.authorId, username: usernames.get(review.authorId) }),
      product: (review: BenchReview) => ({ upc: review.productUpc }),
    },
    User: {
      reviews: ({ id }: { id: string }) => byAuthor.get(id) ?? [],
    },
    Product: {
      reviews: ({ upc }: { upc: string }) => byProduct.get(upc) ?? [],
    },
  },
};
