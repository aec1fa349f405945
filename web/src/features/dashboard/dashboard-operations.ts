import { graphql } from '@/gql';

export const DashboardAccountDocument = graphql(`
  query DashboardAccount {
    me {
      id
      email
      displayName
      roles
      emailVerified
      createdAt
    }
  }
`);
